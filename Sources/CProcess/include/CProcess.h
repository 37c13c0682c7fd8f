#ifndef KG_CPROCESS_H
#define KG_CPROCESS_H
#include <spawn.h>

/* The process-spawning calls kg needs that glibc declares only under _GNU_SOURCE, which
   Swift's Glibc module does not define. */

/* pipe2(fds, O_CLOEXEC): both ends close-on-exec from the start, so no child started
   meanwhile by another thread inherits them. */
int kg_pipe_cloexec(int fds[2]);

/* Makes the spawned child close every file descriptor from `lowest` on (after the file
   actions added before it): the child inherits only what was dup2'd below it. Returns 0, or
   an errno value; where the C library lacks posix_spawn_file_actions_addclosefrom_np
   (glibc before 2.34), ENOSYS. */
int kg_spawn_close_from(posix_spawn_file_actions_t *actions, int lowest);

#endif
