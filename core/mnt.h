/* mnt.h: mount propagation, bind mounts of namespace files, /proc */
/* SPDX-License-Identifier: MIT */
#ifndef MNT_H
#define MNT_H

/* "private", "shared", "slave" or "unchanged" to mount(2) flags (0 for
 * unchanged); dies on anything else */
unsigned long mnt_propagation(const char *s);

/* set the propagation of every mount under / (in a new mount namespace,
 * so that what we mount next does not leak out, nor comes in) */
void mnt_propagate(unsigned long flags);

/* mount a proc file system on dir, nosuid,nodev,noexec */
void mnt_proc(const char *dir);

/* bind-mount a namespace file src on dst; 0 or -1 (errno), with the
 * message printed; undo with mnt_unbind. is_mnt: src is a mount namespace,
 * which cannot be bound on a shared mount (the message says so) */
int mnt_bind_ns(const char *src, const char *dst, int is_mnt);
void mnt_unbind(const char *dst);

/* make path a file a namespace can be bound on; creates it (and its dir,
 * when that is /run/netns or /var/run/netns). Returns 0 if it was there,
 * 1 if we created the file, 3 if the dir too; dies on failure */
int mnt_ns_target(const char *path);
/* undo mnt_ns_target by what it returned */
void mnt_ns_target_undo(const char *path, int created);

#endif
