"""Reading and writing files so that argmap never hangs on one, nor destroys one.

Reading (`read_file`): only regular files, opened so that a FIFO or a device
never blocks, up to a size limit, with the identity (device, inode, size,
times and a hash) of the very bytes returned.  Every file read is remembered,
so that no command can write its output over one of its own inputs.

Writing (`write_file`), what a save keeps:

* a symlink stays a symlink: its target is written, atomically;
* a regular file is replaced atomically (a temporary file in the same folder,
  fsync, rename) with its permission bits, owner and group (where the process
  may set them) and extended attributes (ACLs among them);
* a file with other hard links is rewritten in place (then fsync), so that
  every name keeps seeing the same file;
* a device, FIFO or other special file is written in place, never replaced,
  and a FIFO nobody reads from is an error rather than a hang;
* saves of one file by argmap processes take turns under a lock (`flock` on
  the file), and a save that expects the file as it was read is refused if
  it changed (`Changed`) — checked under that lock, just before the rename.

Temporary files are named `.NAME.PID-XXXX.argmap-tmp`; one left behind by a
killed process is removed by the next write of the same file.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import os
import stat
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

#: The largest map, article or imported file argmap reads (16 MB).
MAX_FILE_BYTES = 16_000_000
#: How long a save waits for another argmap process saving the same file.
LOCK_TIMEOUT_S = 10.0
_TMP_SUFFIX = ".argmap-tmp"
_NAME_KEEP = 100  # characters of the file's name kept in a temporary file's name


class NotRegularFile(OSError):
    """A path that is a directory, FIFO, device or socket where a file's text is needed."""


class FileTooLarge(OSError):
    """A file over the size limit (`MAX_FILE_BYTES`)."""


class Changed(OSError):
    """The file is not what the writer read: someone else changed, made or removed it."""


class OutputIsInput(OSError):
    """An output that is one of the files this process read (the map itself, say)."""


class Locked(OSError):
    """Another argmap process held the file's lock for longer than `LOCK_TIMEOUT_S`."""


def _error(cls: type[OSError], code: int, message: str, path: str | Path) -> OSError:
    return cls(code, message, str(path))


def describe_kind(mode: int) -> str:
    """What a non-regular file is, in words ("a FIFO (named pipe)")."""
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def size_words(n: int) -> str:
    """A byte count as people read it: 16 MB, 2.1 GB, 512 bytes."""
    for unit, size in (("GB", 10**9), ("MB", 10**6), ("kB", 10**3)):
        if n >= size:
            value = n / size
            return f"{value:.1f} {unit}".replace(".0 ", " ")
    return f"{n} bytes"


# --- identity ---------------------------------------------------------------------


@dataclass(frozen=True)
class Identity:
    """What a file was when read or written: where it lives, its times, and a hash of its bytes."""

    dev: int
    ino: int
    size: int
    mtime_ns: int
    ctime_ns: int
    digest: bytes

    @classmethod
    def of(cls, st: os.stat_result, data: bytes) -> Identity:
        return cls(
            st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns, hashlib.sha256(data).digest()
        )

    def same_stat(self, st: os.stat_result) -> bool:
        """Whether `st` shows the same file, untouched (a cheap test before hashing)."""
        return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns) == (
            self.dev,
            self.ino,
            self.size,
            self.mtime_ns,
            self.ctime_ns,
        )


# --- reading --------------------------------------------------------------------------

#: (device, inode) of every file this process read: never an output
_inputs: set[tuple[int, int]] = set()


def _valid(path: str | Path) -> str | Path:
    """`path`, unless the OS could not take it (a NUL in it): then an OSError, not a ValueError."""
    if "\0" in str(path):
        shown = str(path).replace("\0", "\\0")
        raise _error(OSError, errno.EINVAL, "the path contains a NUL character", shown)
    return path


def _open_regular(path: str | Path, limit: int) -> tuple[int, os.stat_result]:
    """An open descriptor of the regular file at `path` (symlinks followed), and its stat."""
    fd = os.open(_valid(path), os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            kind = describe_kind(st.st_mode)
            code = errno.EISDIR if stat.S_ISDIR(st.st_mode) else errno.EINVAL
            raise _error(NotRegularFile, code, f"it is {kind}, not a regular file", path)
        if st.st_size > limit:
            raise _too_large(path, st.st_size, limit)
    except BaseException:
        os.close(fd)
        raise
    return fd, st


def readable_problem(path: str | Path, limit: int = MAX_FILE_BYTES) -> OSError | None:
    """Why `read_file` would refuse `path`, found with `stat` alone (which never blocks), or None.

    For a check as the user types a path, before anything is read.
    """
    try:
        st = os.stat(_valid(path))
    except OSError as exc:
        return exc
    if not stat.S_ISREG(st.st_mode):
        code = errno.EISDIR if stat.S_ISDIR(st.st_mode) else errno.EINVAL
        return _error(NotRegularFile, code, f"it is {describe_kind(st.st_mode)}, not a regular file", path)
    if st.st_size > limit:
        return _too_large(path, st.st_size, limit)
    return None


def _too_large(path: str | Path, size: int | None, limit: int) -> OSError:
    what = f"{size_words(size)}, over" if size is not None else "over"
    return _error(FileTooLarge, errno.EFBIG, f"the file is {what} the {size_words(limit)} limit", path)


def _read_fd(fd: int, limit: int, path: str | Path) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = os.read(fd, min(1 << 20, limit + 1 - total))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:  # it grew, or its size lied (/proc)
            raise _too_large(path, None, limit)


def read_file(path: str | Path, limit: int = MAX_FILE_BYTES) -> tuple[bytes, Identity]:
    """The bytes of the regular file at `path` and their identity.

    Never blocks: a FIFO, device or directory raises NotRegularFile, a file over
    `limit` bytes FileTooLarge (both OSErrors, with a message in `strerror`), as
    does any other reason the file cannot be read.  The identity is taken from
    the same open file as the bytes, and the bytes are read again if the file
    changed while they were being read.
    """
    data, st = _read_regular(path, limit)
    _inputs.add((st.st_dev, st.st_ino))
    return data, Identity.of(st, data)


def _read_regular(path: str | Path, limit: int) -> tuple[bytes, os.stat_result]:
    fd, st = _open_regular(path, limit)
    try:
        for _ in range(5):
            os.lseek(fd, 0, os.SEEK_SET)
            data = _read_fd(fd, limit, path)
            after = os.fstat(fd)
            if (after.st_size, after.st_mtime_ns, after.st_ctime_ns) == (
                st.st_size,
                st.st_mtime_ns,
                st.st_ctime_ns,
            ) and len(data) == st.st_size:
                break
            st = after
        else:  # pragma: no cover - a file rewritten five times during one read
            raise _error(OSError, errno.EAGAIN, "the file kept changing while it was read", path)
    finally:
        os.close(fd)
    return data, st


def read_bytes(path: str | Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """`read_file` without the identity."""
    return read_file(path, limit)[0]


def is_input(path: str | Path) -> bool:
    """Whether `path` (symlinks followed) is a file this process has read."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return False
    return (st.st_dev, st.st_ino) in _inputs


def reason(exc: BaseException) -> str:
    """Why a file operation failed, in a few words ("no such file", "permission denied")."""
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if isinstance(exc, OSError) and exc.strerror:
        text = exc.strerror
        return text[:1].lower() + text[1:] if not text[1:2].isupper() else text
    if isinstance(exc, ValueError):  # e.g. a NUL in the path
        return "the path is not valid"
    return str(exc)


# --- writing --------------------------------------------------------------------------


class _Any:
    """`expect=ANY`: write whatever the file is now."""


ANY = _Any()


def write_file(
    path: str | Path,
    data: bytes,
    *,
    expect: Identity | _Any | None = ANY,
    protect_inputs: bool = False,
) -> Identity:
    """Write `data` to `path` keeping what the path is (see the module docstring); its new identity.

    `expect`: the file as the caller read it (None: it did not exist); if the
    file is not that any more, Changed is raised and nothing is written.
    `protect_inputs`: refuse (OutputIsInput) to write over a file this process read.
    """
    target = Path(os.path.realpath(_valid(path)))
    if target.name in ("", ".", ".."):
        raise _error(IsADirectoryError, errno.EISDIR, "it is a directory", path)
    deadline = time.monotonic() + LOCK_TIMEOUT_S
    while True:
        if time.monotonic() > deadline:  # pragma: no cover - replaced again and again
            raise _error(Locked, errno.EAGAIN, "it kept being replaced while argmap waited to write", path)
        with _locked(target, path, deadline) as st:
            if st is not None and stat.S_ISLNK(st.st_mode):  # pragma: no cover - realpath followed it
                continue
            if st is None or stat.S_ISREG(st.st_mode):
                now = _stat(target)
                if (now is None) != (st is None) or (
                    now is not None and st is not None and (now.st_dev, now.st_ino) != (st.st_dev, st.st_ino)
                ):
                    continue  # replaced while we took the lock: lock the new one
            if protect_inputs and st is not None and is_input(target):
                raise _error(
                    OutputIsInput,
                    errno.EEXIST,
                    "it is one of this command's input files; choose another output",
                    path,
                )
            if not isinstance(expect, _Any):
                _verify(target, st, expect, path)
            if st is not None and not stat.S_ISREG(st.st_mode):
                return _write_special(target, st, data, path)
            if st is not None and st.st_nlink > 1:
                return _write_in_place(target, data)
            return _write_replacing(target, st, data, create_only=expect is None)


def _stat(path: Path) -> os.stat_result | None:
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None


@contextlib.contextmanager
def _locked(target: Path, shown: str | Path, deadline: float) -> Iterator[os.stat_result | None]:
    """Hold an exclusive `flock` on the regular file at `target` (if it is one); yield its stat.

    The lock is on the file itself: a rename puts a new file in its place, so a
    writer that waited for the lock finds, on getting it, that the path now
    names another file, and (through `expect`) that it changed.  Where the file
    system has no flock (some network mounts), the write goes on unlocked.
    """
    st = _stat(target)
    if st is None or not stat.S_ISREG(st.st_mode):
        yield st  # a new file, or a special one: nothing to lock (opening a FIFO could block)
        return
    try:
        fd = os.open(target, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except OSError:
        yield st  # unreadable: the write will say why
        return
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise _error(
                        Locked, errno.EAGAIN, "another argmap process is writing it; try again", shown
                    ) from None
                time.sleep(0.005)
            except OSError:
                break  # no locks on this file system
        yield os.fstat(fd)
    finally:
        os.close(fd)  # releases the lock


def _verify(target: Path, st: os.stat_result | None, expect: Identity | None, shown: str | Path) -> None:
    """Raise Changed unless the file is what the caller read (compared by its bytes' hash)."""
    if st is None or expect is None:
        if (st is None) != (expect is None):
            what = "created" if st is not None else "removed"
            raise _error(Changed, errno.ESTALE, f"it was {what} by another program", shown)
        return
    if stat.S_ISREG(st.st_mode):
        try:
            data = _read_regular(target, MAX_FILE_BYTES)[0]
        except OSError:
            data = None
        if data is not None and hashlib.sha256(data).digest() == expect.digest:
            return
    elif (st.st_dev, st.st_ino) == (expect.dev, expect.ino):
        return
    raise _error(Changed, errno.ESTALE, "it was changed by another program", shown)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


def _write_special(target: Path, st: os.stat_result, data: bytes, shown: str | Path) -> Identity:
    """Write into a device or FIFO in place; never block on a FIFO nobody reads."""
    if stat.S_ISDIR(st.st_mode):
        raise _error(IsADirectoryError, errno.EISDIR, "it is a directory", shown)
    try:
        fd = os.open(target, os.O_WRONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            what = "no program is reading from it" if stat.S_ISFIFO(st.st_mode) else "it cannot be opened"
            message = f"it is {describe_kind(st.st_mode)} and {what}"
            raise _error(OSError, errno.ENXIO, message, shown) from None
        raise
    try:
        flags = fcntl.fcntl(fd, fcntl.F_GETFL)
        fcntl.fcntl(fd, fcntl.F_SETFL, flags & ~os.O_NONBLOCK)  # the reader is there: now wait for it
        _write_all(fd, data)
        return Identity.of(os.fstat(fd), data)
    finally:
        os.close(fd)


def _write_in_place(target: Path, data: bytes) -> Identity:
    """Rewrite a hard-linked file in its own inode, so every name sees the new bytes."""
    fd = os.open(target, os.O_WRONLY | os.O_NOCTTY | os.O_CLOEXEC)
    try:
        _write_all(fd, data)
        os.ftruncate(fd, len(data))
        os.fsync(fd)
        return Identity.of(os.fstat(fd), data)
    finally:
        os.close(fd)


def _write_replacing(target: Path, st: os.stat_result | None, data: bytes, *, create_only: bool) -> Identity:
    folder = target.parent
    _remove_stale_temporaries(folder, target.name)
    try:
        fd, tmp = tempfile.mkstemp(
            dir=folder, prefix=f".{target.name[:_NAME_KEEP]}.{os.getpid()}-", suffix=_TMP_SUFFIX
        )
    except PermissionError:
        if st is not None and os.access(target, os.W_OK):
            return _write_in_place(target, data)  # a writable file in a folder we may not add to
        raise
    try:
        _write_all(fd, data)
        if st is not None:
            _keep_attributes(fd, target, st)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.fchmod(fd, 0o666 & ~umask)
        os.fsync(fd)
        if create_only:
            _create(tmp, target)
        else:
            os.replace(tmp, target)
        identity = Identity.of(os.fstat(fd), data)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    finally:
        os.close(fd)
    _sync_folder(folder)
    return identity


def _create(tmp: str, target: Path) -> None:
    """Put `tmp` at `target` only if nothing is there (a new map two editors start at once)."""
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise _error(Changed, errno.ESTALE, "it was created by another program", target) from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
            raise
        os.replace(tmp, target)  # a file system without hard links
        return
    os.unlink(tmp)


def _keep_attributes(fd: int, target: Path, st: os.stat_result) -> None:
    """Give the new file the old one's owner and group (where allowed), extended attributes and mode."""
    try:
        os.fchown(fd, st.st_uid, st.st_gid)
    except OSError:
        with contextlib.suppress(OSError):
            os.fchown(fd, -1, st.st_gid)  # a group the user belongs to
    if hasattr(os, "listxattr"):
        with contextlib.suppress(OSError):
            for name in os.listxattr(target):
                with contextlib.suppress(OSError):
                    os.setxattr(fd, name, os.getxattr(target, name))
    os.fchmod(fd, stat.S_IMODE(st.st_mode))  # last: a chown may clear set-id bits


def _sync_folder(folder: Path) -> None:
    """Make a rename durable."""
    with contextlib.suppress(OSError):
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def _remove_stale_temporaries(folder: Path, name: str) -> None:
    """Remove temporary files of `name` left by argmap processes that no longer run."""
    prefix = f".{name[:_NAME_KEEP]}."
    try:
        entries = [e for e in os.listdir(folder) if e.startswith(prefix) and e.endswith(_TMP_SUFFIX)]
    except OSError:
        return
    for entry in entries:
        pid_part = entry[len(prefix) : -len(_TMP_SUFFIX)].split("-", 1)[0]
        if not pid_part.isdigit() or _running(int(pid_part)):
            continue
        with contextlib.suppress(OSError):
            os.unlink(folder / entry)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process
    return True


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` as `write_file` does, whatever the file is now."""
    write_file(path, data)
