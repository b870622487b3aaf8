// Swaps two paths in one step, so that a folder is replaced by another with no moment at
// which neither is there. Swift's Glibc module does not import renameat2 (it is declared only
// under _GNU_SOURCE), hence this header.
#ifndef CFILEEXCHANGE_H
#define CFILEEXCHANGE_H

/// Exchanges the files or folders at `first` and `second` atomically: 0 on success, -1 with
/// errno set otherwise (ENOSYS or EINVAL where the system or the file system cannot).
int unrolled_exchange_paths(const char *first, const char *second);

#endif
