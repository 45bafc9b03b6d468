int form;
