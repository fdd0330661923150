/* Shared by the C peers of sim bench (izh_baseline.c, spnet_baseline.c), compiled beside them (CompiledPeer). */
#ifndef IZHSIM_PEER_WATCH_H
#define IZHSIM_PEER_WATCH_H

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* With IZHSIM_PEER_WATCH_STDIN=1 (sim bench sets it) this program ends once the bench's JVM is gone: its standard
   input is a pipe from the JVM, which never writes to it, so end of file there means the JVM died (kill -9, the OOM
   killer) without the shutdown hook that would have ended this program. Orphaned, a peer ran on for minutes. */
static void *watch_stdin(void *unused)
{
    (void)unused;
    char buf[256];
    ssize_t got;
    while ((got = read(0, buf, sizeof buf)) > 0 || (got < 0 && errno == EINTR)) {}
    _exit(3);
    return NULL;
}

static void end_with_the_bench(void)
{
    const char *watch = getenv("IZHSIM_PEER_WATCH_STDIN");
    pthread_t thread;
    if (watch && strcmp(watch, "1") == 0 && pthread_create(&thread, NULL, watch_stdin, NULL) == 0)
        pthread_detach(thread);
}

#endif
