#ifndef STAYBOOK_SYSTEM_H
#define STAYBOOK_SYSTEM_H

/// Atomically exchanges two paths (both must exist): Linux renameat2(RENAME_EXCHANGE), macOS
/// renamex_np(RENAME_SWAP). Returns 0, or -1 with errno set (ENOSYS/EINVAL where the system or the
/// file system cannot do it).
int staybook_exchange_paths(const char *from, const char *to);

#endif
