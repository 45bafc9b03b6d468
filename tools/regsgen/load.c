/* SPDX-License-Identifier: Apache-2.0 */
/*
 * load.c - YAML to struct input, with the schema checks.
 *
 * Uses the libyaml document API so every value keeps its source mark.  The
 * schema is strict on purpose: an unknown key is almost always a typo of a
 * known one, and a silently ignored "acess: w1c" would change the model's
 * behaviour without anyone noticing.  Nothing here trusts the shape of the
 * document: every node is looked up through yaml_document_get_node() and
 * checked for NULL and for its type before use.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "diag.h"
#include "load.h"

struct ctx {
	const char *path;
	yaml_document_t *doc;
};

struct key {
	const char *name;
	int required;
};

static struct pos mark_pos(yaml_mark_t m)
{
	struct pos p = { (unsigned)m.line + 1, (unsigned)m.column + 1 };

	return p;
}

static struct pos node_pos(const yaml_node_t *n)
{
	return mark_pos(n->start_mark);
}

static const char *node_kind(const yaml_node_t *n)
{
	switch (n->type) {
	case YAML_SCALAR_NODE: return "a scalar";
	case YAML_SEQUENCE_NODE: return "a sequence";
	case YAML_MAPPING_NODE: return "a mapping";
	default: return "an empty node";
	}
}

static yaml_node_t *get_node(struct ctx *c, int idx)
{
	return yaml_document_get_node(c->doc, idx);
}

static const char *scalar(const yaml_node_t *n)
{
	return (const char *)n->data.scalar.value;
}

static void free_enums(struct enumlist *el)
{
	size_t i;

	for (i = 0; i < el->n; i++) {
		free(el->v[i].name);
		free(el->v[i].desc);
	}
	free(el->v);
	memset(el, 0, sizeof(*el));
}

static void free_field(void *slot)
{
	struct field *f = slot;

	free(f->name);
	free(f->desc);
	free_enums(&f->enums);
	memset(f, 0, sizeof(*f));
}

static void free_reg(void *slot)
{
	struct reg *r = slot;
	size_t i;

	for (i = 0; i < r->nfields; i++)
		free_field(&r->fields[i]);
	free(r->fields);
	free(r->name);
	free(r->desc);
	free(r->source);
	free(r->assumed);
	memset(r, 0, sizeof(*r));
}

static void free_sfield(void *slot)
{
	struct sfield *f = slot;

	free(f->name);
	free(f->desc);
	free_enums(&f->enums);
	memset(f, 0, sizeof(*f));
}

void free_input(struct input *in)
{
	size_t i;

	for (i = 0; i < in->nregs; i++)
		free_reg(&in->regs[i]);
	for (i = 0; i < in->nsfields; i++)
		free_sfield(&in->sfields[i]);
	free(in->regs);
	free(in->sfields);
	free(in->name);
	free(in->desc);
	free(in->source);
	memset(in, 0, sizeof(*in));
}

static int expect_type(struct ctx *c, yaml_node_t *n, yaml_node_type_t t, const char *what)
{
	static const char *const names[] = {
		[YAML_SCALAR_NODE] = "a scalar",
		[YAML_SEQUENCE_NODE] = "a sequence",
		[YAML_MAPPING_NODE] = "a mapping",
	};

	if (n->type == t)
		return 0;
	diag_error(c->path, node_pos(n), "%s must be %s, not %s", what, names[t], node_kind(n));
	return -1;
}

/*
 * The items of the sequence n, which must hold at least one (else the
 * error message empty), each loaded by load() into the next of a
 * new array of size-byte slots.  A slot whose item fails is released by
 * drop() and reused: every item's errors are reported, the good ones kept.
 * *ret becomes -1 on any error; NULL if n is not a non-empty sequence.
 */
static void *load_items(struct ctx *c, yaml_node_t *n, const char *what, const char *empty,
			size_t size, int (*load)(struct ctx *, yaml_node_t *, void *),
			void (*drop)(void *), size_t *count, int *ret)
{
	yaml_node_item_t *it;
	char *items;

	if (expect_type(c, n, YAML_SEQUENCE_NODE, what))
		goto fail;
	if (n->data.sequence.items.top == n->data.sequence.items.start) {
		diag_error(c->path, node_pos(n), "%s", empty);
		goto fail;
	}
	items = xcalloc((size_t)(n->data.sequence.items.top - n->data.sequence.items.start), size);
	for (it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++) {
		yaml_node_t *in = get_node(c, *it);
		void *slot = items + *count * size;

		if (!in)
			continue;
		if (load(c, in, slot)) {
			drop(slot);
			*ret = -1;
		} else
			(*count)++;
	}
	return items;
fail:
	*ret = -1;
	return NULL;
}

/*
 * Looks up the keys of a mapping.  out[i] receives the value node of
 * keys[i] or NULL.  Reports unknown, duplicate and missing keys; returns
 * -1 if there was any such error.
 */
static int get_keys(struct ctx *c, yaml_node_t *map, const char *what,
		    const struct key *keys, size_t nkeys, yaml_node_t **out)
{
	yaml_node_pair_t *pair;
	int ret = 0;
	size_t i;

	for (i = 0; i < nkeys; i++)
		out[i] = NULL;
	if (expect_type(c, map, YAML_MAPPING_NODE, what))
		return -1;
	for (pair = map->data.mapping.pairs.start; pair < map->data.mapping.pairs.top; pair++) {
		yaml_node_t *k = get_node(c, pair->key);
		yaml_node_t *v = get_node(c, pair->value);

		if (!k || !v)
			continue;
		if (k->type != YAML_SCALAR_NODE) {
			diag_error(c->path, node_pos(k), "%s: keys must be scalars, not %s", what, node_kind(k));
			ret = -1;
			continue;
		}
		for (i = 0; i < nkeys; i++)
			if (!strcmp(scalar(k), keys[i].name))
				break;
		if (i == nkeys) {
			diag_error(c->path, node_pos(k), "unknown key '%s' in %s", scalar(k), what);
			ret = -1;
		} else if (out[i]) {
			diag_error(c->path, node_pos(k), "duplicate key '%s' in %s", scalar(k), what);
			ret = -1;
		} else {
			out[i] = v;
		}
	}
	for (i = 0; i < nkeys; i++) {
		if (keys[i].required && !out[i]) {
			diag_error(c->path, node_pos(map), "missing required key '%s' in %s", keys[i].name, what);
			ret = -1;
		}
	}
	return ret;
}

static int get_str(struct ctx *c, yaml_node_t *n, const char *key, char **out)
{
	if (n->type != YAML_SCALAR_NODE) {
		diag_error(c->path, node_pos(n), "'%s' must be a string, not %s", key, node_kind(n));
		return -1;
	}
	if (!n->data.scalar.length) {
		diag_error(c->path, node_pos(n), "'%s' must not be empty", key);
		return -1;
	}
	if (strlen(scalar(n)) != n->data.scalar.length) {
		diag_error(c->path, node_pos(n), "'%s' contains a NUL character", key);
		return -1;
	}
	*out = xstrdup(scalar(n));
	return 0;
}

/* Lower-case C identifier: names become macro parts and struct members. */
static int get_ident(struct ctx *c, yaml_node_t *n, const char *key, char **out)
{
	const char *s;

	if (get_str(c, n, key, out))
		return -1;
	s = *out;
	if (!(*s >= 'a' && *s <= 'z'))
		goto bad;
	for (s++; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
			goto bad;
	return 0;
bad:
	diag_error(c->path, node_pos(n), "invalid %s '%s': expected a lower-case identifier [a-z][a-z0-9_]*",
		   key, *out);
	free(*out);
	*out = NULL;
	return -1;
}

/*
 * Integers must be plain (unquoted) scalars: a quoted "0x10" is a string in
 * YAML, and accepting it would hide a type confusion in the source.
 */
static int get_int(struct ctx *c, yaml_node_t *n, const char *key, uint64_t max, uint64_t *out)
{
	const char *s;
	char *end;
	unsigned long long v;

	if (n->type != YAML_SCALAR_NODE) {
		diag_error(c->path, node_pos(n), "'%s' must be an integer, not %s", key, node_kind(n));
		return -1;
	}
	s = scalar(n);
	if (n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE || !(*s >= '0' && *s <= '9')) {
		diag_error(c->path, node_pos(n), "'%s' must be an integer, not '%s'", key, s);
		return -1;
	}
	errno = 0;
	v = strtoull(s, &end, 0);
	if (*end || end == s) {
		diag_error(c->path, node_pos(n), "'%s' must be an integer, not '%s'", key, s);
		return -1;
	}
	if (errno == ERANGE || v > max) {
		diag_error(c->path, node_pos(n), "'%s' value %s out of range (max 0x%llX)", key, s,
			   (unsigned long long)max);
		return -1;
	}
	*out = v;
	return 0;
}

static int parse_uint(const char *s, const char **end, unsigned *out)
{
	unsigned long v = 0;

	if (!(*s >= '0' && *s <= '9'))
		return -1;
	for (; *s >= '0' && *s <= '9'; s++) {
		v = v * 10 + (unsigned long)(*s - '0');
		if (v > 1000)
			return -1;
	}
	*end = s;
	*out = (unsigned)v;
	return 0;
}

/* "msb:lsb" or "n", decimal. */
static int get_bits(struct ctx *c, yaml_node_t *n, unsigned *msb, unsigned *lsb)
{
	const char *s, *e;

	if (n->type != YAML_SCALAR_NODE) {
		diag_error(c->path, node_pos(n), "'bits' must be a scalar \"msb:lsb\" or \"n\", not %s",
			   node_kind(n));
		return -1;
	}
	s = scalar(n);
	if (parse_uint(s, &e, msb))
		goto bad;
	if (*e == ':') {
		if (parse_uint(e + 1, &e, lsb))
			goto bad;
	} else {
		*lsb = *msb;
	}
	if (*e)
		goto bad;
	if (*msb < *lsb) {
		diag_error(c->path, node_pos(n), "bits '%s': msb is less than lsb", s);
		return -1;
	}
	if (*msb > 31) {
		diag_error(c->path, node_pos(n), "bits '%s': field does not fit in a 32-bit register", s);
		return -1;
	}
	return 0;
bad:
	diag_error(c->path, node_pos(n), "malformed bits '%s': expected \"msb:lsb\" or \"n\"", s);
	return -1;
}

static uint64_t width_max(uint64_t width)
{
	return width >= 64 ? UINT64_MAX : (1ull << width) - 1;
}

static int load_enums(struct ctx *c, yaml_node_t *seq, const char *field, uint64_t width,
		      struct enumlist *el)
{
	static const struct key keys[] = { { "name", 1 }, { "value", 1 }, { "desc", 1 } };
	yaml_node_item_t *it;
	int ret = 0;

	if (expect_type(c, seq, YAML_SEQUENCE_NODE, "'enum'"))
		return -1;
	el->v = xcalloc((size_t)(seq->data.sequence.items.top - seq->data.sequence.items.start),
			sizeof(*el->v));
	el->n = 0;
	for (it = seq->data.sequence.items.start; it < seq->data.sequence.items.top; it++) {
		yaml_node_t *n = get_node(c, *it), *v[3];
		struct enumval *e = &el->v[el->n];

		if (!n)
			continue;
		if (get_keys(c, n, "enum entry", keys, 3, v)) {
			ret = -1;
			continue;
		}
		if (get_ident(c, v[0], "enum name", &e->name) |
		    get_int(c, v[1], "value", UINT64_MAX, &e->value) |
		    get_str(c, v[2], "desc", &e->desc)) {
			ret = -1;
			goto drop;
		}
		e->pos = node_pos(v[0]);
		e->value_pos = node_pos(v[1]);
		if (e->value > width_max(width)) {
			diag_error(c->path, e->value_pos,
				   "enum value 0x%llX of '%s' does not fit in the %llu-bit field '%s'",
				   (unsigned long long)e->value, e->name, (unsigned long long)width, field);
			ret = -1;
			goto drop;
		}
		el->n++;
		continue;
drop:
		/* Slot n is reused by the next entry: release what this one got. */
		free(e->name);
		free(e->desc);
		memset(e, 0, sizeof(*e));
	}
	return ret;
}

static int load_field(struct ctx *c, yaml_node_t *n, void *slot)
{
	struct field *f = slot;
	static const struct key keys[] = {
		{ "name", 1 }, { "bits", 1 }, { "access", 1 }, { "resval", 1 }, { "desc", 1 }, { "enum", 0 },
	};
	yaml_node_t *v[6];
	int ret = 0;

	if (get_keys(c, n, "field", keys, 6, v))
		return -1;
	if (get_ident(c, v[0], "field name", &f->name))
		return -1;
	f->pos = node_pos(v[0]);
	f->bits_pos = node_pos(v[1]);
	f->resval_pos = node_pos(v[3]);
	if (get_bits(c, v[1], &f->msb, &f->lsb))
		ret = -1;
	if (!expect_type(c, v[2], YAML_SCALAR_NODE, "'access'")) {
		int a;

		for (a = 0; a < ACC_COUNT; a++)
			if (!strcmp(scalar(v[2]), access_names[a]))
				break;
		if (a == ACC_COUNT) {
			diag_error(c->path, node_pos(v[2]),
				   "unknown access type '%s' (expected rw, ro, w1c or sc)", scalar(v[2]));
			ret = -1;
		}
		f->access = (enum access)a;
	} else {
		ret = -1;
	}
	if (get_int(c, v[3], "resval", UINT64_MAX, &f->resval) | get_str(c, v[4], "desc", &f->desc))
		ret = -1;
	if (ret)
		return ret;
	if (f->resval > width_max(f->msb - f->lsb + 1)) {
		diag_error(c->path, f->resval_pos, "reset value 0x%llX does not fit in the %u-bit field '%s'",
			   (unsigned long long)f->resval, f->msb - f->lsb + 1, f->name);
		ret = -1;
	}
	if (v[5] && load_enums(c, v[5], f->name, f->msb - f->lsb + 1, &f->enums))
		ret = -1;
	return ret;
}

static int load_reg(struct ctx *c, yaml_node_t *n, void *slot)
{
	struct reg *r = slot;
	static const struct key keys[] = {
		{ "name", 1 }, { "offset", 1 }, { "desc", 1 }, { "source", 1 },
		{ "assumed", 0 }, { "count", 0 }, { "stride", 0 }, { "fields", 1 },
	};
	yaml_node_t *v[8];
	char empty[256];
	int ret = 0;

	if (get_keys(c, n, "register", keys, 8, v))
		return -1;
	if (get_ident(c, v[0], "register name", &r->name))
		return -1;
	r->pos = node_pos(v[0]);
	r->offset_pos = node_pos(v[1]);
	if (get_int(c, v[1], "offset", 0xFFFFFFFFu, &r->offset) |
	    get_str(c, v[2], "desc", &r->desc) | get_str(c, v[3], "source", &r->source) |
	    (v[4] && get_str(c, v[4], "assumed", &r->assumed)))
		ret = -1;
	if (!!v[5] != !!v[6]) {
		diag_error(c->path, node_pos(n), "register '%s': 'count' and 'stride' must be given together",
			   r->name);
		ret = -1;
	} else if (v[5]) {
		r->is_array = 1;
		if (get_int(c, v[5], "count", 65536, &r->count) | get_int(c, v[6], "stride", 0xFFFFFFFFu, &r->stride))
			ret = -1;
		else if (r->count < 1) {
			diag_error(c->path, node_pos(v[5]), "register '%s': 'count' must be at least 1", r->name);
			ret = -1;
		} else if (r->stride < 4 || r->stride % 4) {
			diag_error(c->path, node_pos(v[6]),
				   "register '%s': 'stride' must be a non-zero multiple of 4", r->name);
			ret = -1;
		}
	}
	snprintf(empty, sizeof(empty), "register '%s' has no fields", r->name);
	r->fields = load_items(c, v[7], "'fields'", empty, sizeof(*r->fields), load_field, free_field,
			       &r->nfields, &ret);
	return ret;
}

/* "reg.field" of a non-array register of this block. */
static int get_irq_ref(struct ctx *c, yaml_node_t *n, const char *key, const struct input *in,
		       struct irq_ref *out)
{
	char *s = NULL, *dot;
	size_t i, j;
	int ret = -1;

	if (get_str(c, n, key, &s))
		return -1;
	out->pos = node_pos(n);
	dot = strchr(s, '.');
	if (!dot) {
		diag_error(c->path, out->pos, "'%s' must name a field as register.field, not '%s'", key, s);
		goto out;
	}
	*dot = '\0';
	for (i = 0; i < in->nregs; i++) {
		const struct reg *r = &in->regs[i];

		if (strcmp(r->name, s))
			continue;
		if (r->is_array) {
			diag_error(c->path, out->pos, "'%s': register '%s' is an array", key, s);
			goto out;
		}
		for (j = 0; j < r->nfields; j++)
			if (!strcmp(r->fields[j].name, dot + 1)) {
				out->reg = r;
				out->field = &r->fields[j];
				ret = 0;
				goto out;
			}
		diag_error(c->path, out->pos, "'%s': register '%s' has no field '%s'", key, s, dot + 1);
		goto out;
	}
	diag_error(c->path, out->pos, "'%s': no register '%s' in this block", key, s);
out:
	free(s);
	return ret;
}

static unsigned field_width(const struct field *f)
{
	return f->msb - f->lsb + 1;
}

/*
 * irq_when: {status: reg.field | [reg.field...], mask: reg.field, enable: reg.field}.
 * The rules keep the line computable the same way in C and in RTL: status
 * bits are hardware-set (ro or w1c) in one register, the mask is software
 * (rw) and lines up bit for bit with a single status field, the enable is
 * one rw bit.
 */
static int load_irq_when(struct ctx *c, yaml_node_t *n, struct input *in)
{
	static const struct key keys[] = { { "status", 1 }, { "mask", 0 }, { "enable", 0 } };
	struct irq_when *w = &in->irq_when;
	yaml_node_t *v[3];
	size_t i;

	w->pos = node_pos(n);
	if (get_keys(c, n, "irq_when", keys, 3, v))
		return -1;
	if (v[0]->type == YAML_SEQUENCE_NODE) {
		yaml_node_item_t *it;

		for (it = v[0]->data.sequence.items.start; it < v[0]->data.sequence.items.top; it++) {
			yaml_node_t *sn = get_node(c, *it);

			if (!sn)
				continue;
			if (w->nstatus == sizeof(w->status) / sizeof(w->status[0])) {
				diag_error(c->path, node_pos(sn), "'status': at most %zu fields",
					   sizeof(w->status) / sizeof(w->status[0]));
				return -1;
			}
			if (get_irq_ref(c, sn, "status", in, &w->status[w->nstatus]))
				return -1;
			w->nstatus++;
		}
		if (!w->nstatus) {
			diag_error(c->path, node_pos(v[0]), "'status' names no field");
			return -1;
		}
	} else if (get_irq_ref(c, v[0], "status", in, &w->status[w->nstatus++])) {
		return -1;
	}
	for (i = 0; i < w->nstatus; i++) {
		const struct irq_ref *r = &w->status[i];

		if (r->reg != w->status[0].reg) {
			diag_error(c->path, r->pos, "'status' fields must all be in register '%s'",
				   w->status[0].reg->name);
			return -1;
		}
		if (r->field->access != ACC_RO && r->field->access != ACC_W1C) {
			diag_error(c->path, r->pos, "'status' field '%s' must be ro or w1c, not %s",
				   r->field->name, access_names[r->field->access]);
			return -1;
		}
	}
	if (v[1]) {
		if (get_irq_ref(c, v[1], "mask", in, &w->mask))
			return -1;
		if (w->nstatus != 1 || field_width(w->mask.field) != field_width(w->status[0].field)) {
			diag_error(c->path, w->mask.pos,
				   "'mask' must be as wide as the one 'status' field it masks");
			return -1;
		}
		if (w->mask.field->access != ACC_RW) {
			diag_error(c->path, w->mask.pos, "'mask' field must be rw");
			return -1;
		}
	}
	if (v[2]) {
		if (get_irq_ref(c, v[2], "enable", in, &w->enable))
			return -1;
		if (field_width(w->enable.field) != 1 || w->enable.field->access != ACC_RW) {
			diag_error(c->path, w->enable.pos, "'enable' must be a 1-bit rw field");
			return -1;
		}
	}
	w->present = 1;
	return 0;
}

static int load_block(struct ctx *c, yaml_node_t *root, struct input *in)
{
	static const struct key keys[] = {
		{ "block", 1 }, { "desc", 1 }, { "base", 1 }, { "size", 1 },
		{ "irq", 0 }, { "source", 1 }, { "registers", 1 }, { "irq_when", 0 },
	};
	yaml_node_t *v[8];
	int ret = 0;

	in->kind = IN_BLOCK;
	if (get_keys(c, root, "register block", keys, 8, v))
		return -1;
	in->name_pos = node_pos(v[0]);
	in->size_pos = node_pos(v[3]);
	if (get_ident(c, v[0], "block name", &in->name) | get_str(c, v[1], "desc", &in->desc) |
	    get_int(c, v[2], "base", UINT64_MAX, &in->base) |
	    get_int(c, v[3], "size", 0xFFFFFFFFu, &in->size) |
	    (v[4] && get_int(c, v[4], "irq", 0x7FFFFFFF, &in->irq)) |
	    get_str(c, v[5], "source", &in->source))
		ret = -1;
	in->has_irq = v[4] != NULL;
	if (!ret && (in->size < 4 || in->size % 4)) {
		diag_error(c->path, in->size_pos, "block size must be a non-zero multiple of 4");
		ret = -1;
	}
	if (!ret && in->base + in->size - 1 < in->base) {
		diag_error(c->path, in->size_pos, "block extends past the end of the address space");
		ret = -1;
	}
	in->regs = load_items(c, v[6], "'registers'", "block has no registers", sizeof(*in->regs), load_reg,
			      free_reg, &in->nregs, &ret);
	if (!in->regs)
		return -1;
	if (v[7] && !ret) {
		if (!in->has_irq) {
			diag_error(c->path, node_pos(v[7]), "'irq_when' needs the block's 'irq' line");
			return -1;
		}
		ret = load_irq_when(c, v[7], in);
	}
	return ret;
}

static int load_sfield(struct ctx *c, yaml_node_t *n, void *slot)
{
	struct sfield *f = slot;
	static const struct key keys[] = {
		{ "name", 1 }, { "bit", 1 }, { "width", 1 }, { "resval", 1 }, { "desc", 1 }, { "enum", 0 },
	};
	yaml_node_t *v[6];

	if (get_keys(c, n, "struct field", keys, 6, v))
		return -1;
	if (get_ident(c, v[0], "field name", &f->name))
		return -1;
	f->pos = node_pos(v[0]);
	f->bit_pos = node_pos(v[1]);
	f->resval_pos = node_pos(v[3]);
	if (get_int(c, v[1], "bit", 0xFFFFFFFFu, &f->bit) | get_int(c, v[2], "width", 0xFFFFFFFFu, &f->width) |
	    get_int(c, v[3], "resval", UINT64_MAX, &f->resval) | get_str(c, v[4], "desc", &f->desc))
		return -1;
	if (f->width < 1 || f->width > 32) {
		diag_error(c->path, node_pos(v[2]), "field '%s': width %llu out of range 1..32", f->name,
			   (unsigned long long)f->width);
		return -1;
	}
	if (f->resval > width_max(f->width)) {
		diag_error(c->path, f->resval_pos, "reset value 0x%llX does not fit in the %llu-bit field '%s'",
			   (unsigned long long)f->resval, (unsigned long long)f->width, f->name);
		return -1;
	}
	if (v[5] && load_enums(c, v[5], f->name, f->width, &f->enums))
		return -1;
	return 0;
}

static int load_struct(struct ctx *c, yaml_node_t *root, struct input *in)
{
	static const struct key keys[] = {
		{ "struct", 1 }, { "desc", 1 }, { "size", 1 }, { "source", 1 }, { "fields", 1 },
	};
	yaml_node_t *v[5];
	int ret = 0;

	in->kind = IN_STRUCT;
	if (get_keys(c, root, "struct layout", keys, 5, v))
		return -1;
	in->name_pos = node_pos(v[0]);
	in->size_pos = node_pos(v[2]);
	if (get_ident(c, v[0], "struct name", &in->name) | get_str(c, v[1], "desc", &in->desc) |
	    get_int(c, v[2], "size", 4096, &in->size) | get_str(c, v[3], "source", &in->source))
		ret = -1;
	if (!ret && in->size < 1) {
		diag_error(c->path, in->size_pos, "struct size must be at least 1 byte");
		ret = -1;
	}
	in->sfields = load_items(c, v[4], "'fields'", "struct has no fields", sizeof(*in->sfields),
				 load_sfield, free_sfield, &in->nsfields, &ret);
	return ret;
}

static int has_key(struct ctx *c, yaml_node_t *map, const char *name)
{
	yaml_node_pair_t *pair;

	for (pair = map->data.mapping.pairs.start; pair < map->data.mapping.pairs.top; pair++) {
		yaml_node_t *k = get_node(c, pair->key);

		if (k && k->type == YAML_SCALAR_NODE && !strcmp(scalar(k), name))
			return 1;
	}
	return 0;
}

/* The line and column (in bytes) of a byte offset in the file. */
static struct pos offset_pos(const char *path, size_t offset)
{
	struct pos p = { 1, 1 };
	FILE *f = fopen(path, "rb");
	size_t i;
	int ch;

	if (!f)
		return p;
	for (i = 0; i < offset && (ch = getc(f)) != EOF; i++) {
		if (ch == '\n') {
			p.line++;
			p.col = 1;
		} else {
			p.col++;
		}
	}
	fclose(f);
	return p;
}

static void syntax_error(const char *path, const yaml_parser_t *p)
{
	struct pos pos = mark_pos(p->problem_mark);

	if (p->error == YAML_READER_ERROR) {
		/* The reader (encoding errors) reports a byte offset, not a mark. */
		diag_error(path, offset_pos(path, p->problem_offset), "%s",
			   p->problem ? p->problem : "cannot read the file");
	} else if (p->context) {
		/* The context mark is where the unfinished construct began, often
		 * the line to fix when the problem is only noticed at EOF. */
		diag_error(path, pos, "%s %s started at %u:%u", p->problem ? p->problem : "syntax error",
			   p->context, (unsigned)p->context_mark.line + 1, (unsigned)p->context_mark.column + 1);
	} else {
		diag_error(path, pos, "%s", p->problem ? p->problem : "syntax error");
	}
}

int load_input(const char *path, struct input *in)
{
	static const struct pos nopos;
	yaml_parser_t parser;
	yaml_document_t doc, extra;
	yaml_node_t *root, *xroot;
	struct ctx c = { path, &doc };
	unsigned before = diag_error_count();
	FILE *f;

	memset(in, 0, sizeof(*in));
	in->path = path;
	f = fopen(path, "rb");
	if (!f) {
		diag_error(path, nopos, "cannot open: %s", strerror(errno));
		return -1;
	}
	if (!yaml_parser_initialize(&parser)) {
		fclose(f);
		diag_error(path, nopos, "cannot initialise the YAML parser");
		return -1;
	}
	yaml_parser_set_input_file(&parser, f);
	if (!yaml_parser_load(&parser, &doc)) {
		syntax_error(path, &parser);
		yaml_parser_delete(&parser);
		fclose(f);
		return -1;
	}
	root = yaml_document_get_root_node(&doc);
	if (!root) {
		struct pos p1 = { 1, 1 };

		diag_error(path, p1, "empty document");
	} else if (root->type != YAML_MAPPING_NODE) {
		diag_error(path, node_pos(root), "top level must be a mapping, not %s", node_kind(root));
	} else if (has_key(&c, root, "block")) {
		load_block(&c, root, in);
	} else if (has_key(&c, root, "struct")) {
		load_struct(&c, root, in);
	} else {
		diag_error(path, node_pos(root), "missing required key 'block' or 'struct' at top level");
	}

	/* A second document would be silently ignored; refuse it instead. */
	if (root) {
		if (!yaml_parser_load(&parser, &extra)) {
			syntax_error(path, &parser);
		} else {
			xroot = yaml_document_get_root_node(&extra);
			if (xroot)
				diag_error(path, node_pos(xroot), "only one YAML document per file is supported");
			yaml_document_delete(&extra);
		}
	}
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	fclose(f);
	return diag_error_count() == before ? 0 : -1;
}
