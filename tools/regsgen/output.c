/* SPDX-License-Identifier: Apache-2.0 */
/*
 * output.c - atomic output files and comment-safe text for the emitters.
 *
 * Output directories are created on demand so the build rules do not have
 * to know the generator's directory layout beyond the top directories.
 */
/* mkdir() and getpid() are POSIX; regsgen is built as strict C11. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "emit.h"

static int mkdir_p(const char *dir)
{
	char *d = xstrdup(dir);
	char *p;
	int ret = 0;

	for (p = d + 1; ; p++) {
		if (*p == '/' || *p == '\0') {
			char c = *p;

			*p = '\0';
			if (mkdir(d, 0777) && errno != EEXIST) {
				fprintf(stderr, "regsgen: error: cannot create %s: %s\n", d, strerror(errno));
				ret = -1;
				break;
			}
			*p = c;
			if (!c)
				break;
		}
	}
	free(d);
	return ret;
}

int out_open(struct outfile *o, const char *dir, const char *name)
{
	size_t n;

	memset(o, 0, sizeof(*o));
	if (dir && *dir && mkdir_p(dir))
		return -1;
	n = (dir ? strlen(dir) : 0) + strlen(name) + 2;
	o->path = xmalloc(n);
	if (dir && *dir)
		snprintf(o->path, n, "%s/%s", dir, name);
	else
		snprintf(o->path, n, "%s", name);
	o->tmp = xmalloc(strlen(o->path) + 32);
	snprintf(o->tmp, strlen(o->path) + 32, "%s.tmp%ld", o->path, (long)getpid());
	o->f = fopen(o->tmp, "w");
	if (!o->f) {
		fprintf(stderr, "regsgen: error: cannot write %s: %s\n", o->tmp, strerror(errno));
		free(o->path);
		free(o->tmp);
		return -1;
	}
	return 0;
}

int out_close(struct outfile *o)
{
	int bad = ferror(o->f);

	if (fclose(o->f))
		bad = 1;
	if (!bad && rename(o->tmp, o->path))
		bad = 1;
	if (bad) {
		fprintf(stderr, "regsgen: error: cannot write %s: %s\n", o->path, strerror(errno));
		remove(o->tmp);
	}
	free(o->path);
	free(o->tmp);
	return bad ? -1 : 0;
}

void put_comment_line(FILE *f, const char *s)
{
	for (; *s && *s != '\n'; s++) {
		if (s[0] == '*' && s[1] == '/')
			fputs("* ", f);
		else if (s[0] == '/' && s[1] == '*')
			fputs("/ ", f);
		else
			fputc(*s, f);
	}
}
