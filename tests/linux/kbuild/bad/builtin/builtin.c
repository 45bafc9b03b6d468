int builtin;
