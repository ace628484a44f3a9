// A guard for scans of memory-mapped files: a file that shrinks while mapped raises SIGBUS on the next read of
// a page past its new end; inside a guarded scan that fault becomes a status the caller can report.
#ifndef CMAPPEDSCAN_H
#define CMAPPEDSCAN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The scan: called once with the context given to cms_guarded_scan.
typedef void (*cms_scan_fn)(void *context);

/// cms_guarded_scan's result when the scan touched a page of [base, base + length) that no longer exists.
#define CMS_FAULT 1

/// Runs scan(context) on this thread. A SIGBUS at an address in [base, base + length) while it runs unwinds
/// (siglongjmp) to here and returns CMS_FAULT; otherwise returns 0. A fault elsewhere, or on a thread not in a
/// guarded scan, goes to the handler that was installed before (or kills the process, as it would have).
/// The scan must not hold locks or leave shared state half-updated while it reads the mapping: it is abandoned
/// where it stands.
int32_t cms_guarded_scan(const void *base, size_t length, cms_scan_fn scan, void *context);

/// Faults turned into CMS_FAULT since the process started (for tests).
uint64_t cms_faults_caught(void);

#ifdef __cplusplus
}
#endif

#endif
