// SIGBUS guard for scans of memory-mapped files (see CMappedScan.h): sigsetjmp before the scan, a handler that
// siglongjmps back when the faulting address lies in the calling thread's guarded mapping.
#define _GNU_SOURCE
#include "CMappedScan.h"

#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>

struct guard {
    sigjmp_buf jump;
    const char *base;
    size_t length;
    struct guard *outer;
};

// Per thread: SIGBUS from a memory access is delivered to the thread that made it. initial-exec keeps the
// handler's TLS access free of the lazy allocation that general-dynamic TLS may do (not async-signal-safe).
static __thread struct guard *current_guard __attribute__((tls_model("initial-exec")));
static struct sigaction previous_action;
static pthread_once_t install_once = PTHREAD_ONCE_INIT;
static atomic_uint_fast64_t faults_caught;

static void on_sigbus(int sig, siginfo_t *info, void *ucontext) {
    struct guard *g = current_guard;
    const char *addr = info ? (const char *)info->si_addr : NULL;
    if (g && addr >= g->base && addr < g->base + g->length) {
        atomic_fetch_add_explicit(&faults_caught, 1, memory_order_relaxed);
        siglongjmp(g->jump, 1);
    }
    // Not a guarded read: whoever handled SIGBUS before us (the Swift runtime's backtracer, say) decides.
    if ((previous_action.sa_flags & SA_SIGINFO) && previous_action.sa_sigaction) {
        previous_action.sa_sigaction(sig, info, ucontext);
        return;
    }
    if (!(previous_action.sa_flags & SA_SIGINFO) && previous_action.sa_handler != SIG_DFL &&
        previous_action.sa_handler != SIG_IGN && previous_action.sa_handler) {
        previous_action.sa_handler(sig);
        return;
    }
    // Default action: return with SIGBUS at its default, so the faulting read runs again and ends the process.
    signal(sig, SIG_DFL);
}

static void install(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_sigbus;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGBUS, &sa, &previous_action);
}

int32_t cms_guarded_scan(const void *base, size_t length, cms_scan_fn scan, void *context) {
    pthread_once(&install_once, install);
    struct guard g;
    g.base = (const char *)base;
    g.length = length;
    g.outer = current_guard;
    // savemask 1: the handler runs with SIGBUS blocked; siglongjmp restores the mask saved here.
    if (sigsetjmp(g.jump, 1) != 0) {
        current_guard = g.outer;
        return CMS_FAULT;
    }
    current_guard = &g;
    scan(context);
    current_guard = g.outer;
    return 0;
}

uint64_t cms_faults_caught(void) {
    return atomic_load_explicit(&faults_caught, memory_order_relaxed);
}
