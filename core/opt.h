/* opt.h: the table-driven option parser shared by every applet */
/* SPDX-License-Identifier: MIT */
#ifndef OPT_H
#define OPT_H

/*
 * One table per applet, ended by an entry with id 0. The parser bundles
 * short options (-mnu), takes required arguments attached or separate (-tPID,
 * -t PID, --target=PID, --target PID), optional ones only attached (-nFILE,
 * --net=FILE), accepts an unambiguous prefix of a long name, stops at "--"
 * (consumed) or at the first non-option (left in place), and never permutes
 * argv. --help and --version (and -h, -V unless the table uses those letters)
 * are answered here. Ids are 1..61 (62, 63 are --help, --version); the
 * applet names them with an enum.
 */
/* OPT_OPT_LONG: an optional argument with the long name only (--net=FILE),
 * while the short letter takes none and bundles (-mnpf), as util-linux's
 * unshare has it */
enum { OPT_NONE, OPT_REQ, OPT_OPT, OPT_OPT_LONG };

/* packed: 10 bytes an entry instead of 16 (the tables are read once) */
struct opt {
	const char *lng;	/* long name without "--", or NULL */
	char sh;		/* short letter, or 0 */
	unsigned char arg : 2;	/* OPT_NONE, OPT_REQ, OPT_OPT or
				 * OPT_OPT_LONG */
	unsigned char id : 6;
} __attribute__((packed));

struct optstate {
	int argc;
	char **argv;
	int ind;		/* next argv element to look at */
	const char *bundle;	/* rest of a bundle of short options */
	unsigned long long seen;	/* bit id: the option was given */
	const struct opt *tab;
};

void opt_init(struct optstate *st, const struct opt *tab, int argc,
	      char **argv);
/* the next option's id, its argument in *arg (NULL if none); 0 at the end:
 * then argv[st->ind] is the first operand */
int opt_next(struct optstate *st, const char **arg);

/* pairs of ids that exclude each other, ended by { 0, 0 } */
void opt_conflicts(const struct optstate *st, const unsigned char (*pairs)[2]);
/* "--name" or "-x" of an id, for messages */
#define OPT_NAME_MAX 40
const char *opt_name(const struct optstate *st, int id, char buf[OPT_NAME_MAX]);
#define OPT_SEEN(st, id) (((st)->seen >> (id)) & 1)

#endif
