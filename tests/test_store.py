"""Reading and writing files: what a save keeps, and what never blocks or is destroyed."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
import time

import pytest

from argmap import store
from argmap.store import (
    Changed,
    FileTooLarge,
    NotRegularFile,
    OutputIsInput,
    read_file,
    write_file,
)


def _fifo(path):
    os.mkfifo(path)
    return path


def _null_device(path):
    """A character device like /dev/null, made in the test's own folder (never the real one)."""
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except (PermissionError, OSError) as exc:
        pytest.skip(f"cannot make a device node here: {exc}")
    return path


def test_write_through_a_symlink_writes_its_target(tmp_path):
    real = tmp_path / "real.yaml"
    real.write_bytes(b"old")
    link = tmp_path / "link.yaml"
    link.symlink_to("real.yaml")
    write_file(link, b"new")
    assert link.is_symlink() and os.readlink(link) == "real.yaml"
    assert real.read_bytes() == b"new"
    assert sorted(os.listdir(tmp_path)) == ["link.yaml", "real.yaml"]


def test_symlink_into_another_folder_is_written_atomically_there(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    real = tmp_path / "b" / "real.yaml"
    real.write_bytes(b"old")
    ino = real.stat().st_ino
    link = tmp_path / "a" / "link.yaml"
    link.symlink_to(real)
    write_file(link, b"new")
    assert real.read_bytes() == b"new" and real.stat().st_ino != ino  # replaced by a rename
    assert link.is_symlink()


def test_dangling_symlink_creates_its_target(tmp_path):
    link = tmp_path / "link.svg"
    link.symlink_to("out.svg")
    write_file(link, b"<svg/>")
    assert link.is_symlink() and (tmp_path / "out.svg").read_bytes() == b"<svg/>"


def test_fifo_is_written_in_place_and_stays_a_fifo(tmp_path):
    fifo = _fifo(tmp_path / "out.fifo")
    got = []

    def read():
        with open(fifo, "rb") as f:
            got.append(f.read())

    reader = threading.Thread(target=read)
    reader.start()
    deadline = time.monotonic() + 5
    while True:  # wait until the reader has the FIFO open
        try:
            write_file(fifo, b"x" * 200_000)  # more than a pipe holds: the writer must wait
            break
        except OSError:
            assert time.monotonic() < deadline
            time.sleep(0.01)
    reader.join(5)
    assert got == [b"x" * 200_000]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_fifo_nobody_reads_is_an_error_not_a_hang(tmp_path):
    fifo = _fifo(tmp_path / "out.fifo")
    started = time.monotonic()
    with pytest.raises(OSError, match="no program is reading"):
        write_file(fifo, b"data")
    assert time.monotonic() - started < 1
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_device_is_written_in_place_and_never_replaced(tmp_path):
    dev = _null_device(tmp_path / "null")
    before = os.stat(dev)
    write_file(dev, b"x" * 113_000)
    after = os.stat(dev)
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev and after.st_ino == before.st_ino
    assert os.listdir(tmp_path) == ["null"]


def test_hard_linked_file_is_saved_in_place(tmp_path):
    a = tmp_path / "a.yaml"
    a.write_bytes(b"old old old")
    b = tmp_path / "b.yaml"
    os.link(a, b)
    ino = a.stat().st_ino
    write_file(a, b"new")
    assert a.read_bytes() == b.read_bytes() == b"new"
    assert a.stat().st_ino == b.stat().st_ino == ino and a.stat().st_nlink == 2


def test_mode_owner_and_group_are_kept(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_bytes(b"old")
    os.chmod(path, 0o640)
    if os.geteuid() == 0:
        os.chown(path, 1234, 5678)
    before = path.stat()
    write_file(path, b"new")
    after = path.stat()
    assert after.st_ino != before.st_ino  # replaced atomically
    assert stat.S_IMODE(after.st_mode) == 0o640
    assert (after.st_uid, after.st_gid) == (before.st_uid, before.st_gid)


def test_extended_attributes_are_kept(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_bytes(b"old")
    try:
        os.setxattr(path, "user.argmap-test", b"kept")
    except OSError as exc:
        pytest.skip(f"no user extended attributes here: {exc}")
    write_file(path, b"new")
    assert os.getxattr(path, "user.argmap-test") == b"kept"


def test_new_file_gets_the_umask_mode(tmp_path):
    umask = os.umask(0o022)
    try:
        write_file(tmp_path / "new.yaml", b"x")
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "new.yaml").stat().st_mode) == 0o644


def test_temporaries_left_by_a_killed_process_are_removed(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_bytes(b"old")
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True)
    dead_pid = int(dead.stdout)
    stale = tmp_path / f".m.yaml.{dead_pid}-abcd1234.argmap-tmp"
    stale.write_bytes(b"half a save")
    live = tmp_path / f".m.yaml.{os.getppid()}-efgh5678.argmap-tmp"  # a process that still runs
    live.write_bytes(b"a save in progress")
    other = tmp_path / ".other.yaml.1-x.argmap-tmp"
    other.write_bytes(b"another file's")
    write_file(path, b"new")
    assert sorted(os.listdir(tmp_path)) == sorted(["m.yaml", live.name, other.name])


def test_killed_save_leaves_a_recognisable_temporary(tmp_path):
    """A save killed before its rename leaves the old file and a temporary named after it."""
    path = tmp_path / "m.yaml"
    path.write_bytes(b"old")
    code = (
        "import os, sys\n"
        "from argmap import store\n"
        "store.os.replace = lambda *a: os.kill(os.getpid(), 9)\n"
        f"store.write_file({str(path)!r}, b'new')\n"
    )
    subprocess.run([sys.executable, "-c", code], check=False)
    assert path.read_bytes() == b"old"
    left = [n for n in os.listdir(tmp_path) if n != "m.yaml"]
    assert len(left) == 1 and left[0].startswith(".m.yaml.") and left[0].endswith(".argmap-tmp")
    write_file(path, b"newer")
    assert os.listdir(tmp_path) == ["m.yaml"]


def test_reading_never_blocks_and_has_a_limit(tmp_path):
    fifo = _fifo(tmp_path / "a.fifo")
    started = time.monotonic()
    with pytest.raises(NotRegularFile, match="FIFO"):
        read_file(fifo)
    with pytest.raises(NotRegularFile, match="directory"):
        read_file(tmp_path)
    sparse = tmp_path / "sparse.txt"
    with open(sparse, "wb") as f:
        f.truncate(2 * 10**9)
    with pytest.raises(FileTooLarge, match=r"2 GB, over the 16 MB limit"):
        read_file(sparse)
    assert time.monotonic() - started < 1
    with pytest.raises(OSError, match="NUL"):
        read_file(str(tmp_path / "a\0b"))


def test_a_device_is_not_read(tmp_path):
    dev = _null_device(tmp_path / "null")
    with pytest.raises(NotRegularFile, match="character device"):
        read_file(dev)


def test_changed_file_is_not_overwritten(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_bytes(b"one")
    _, seen = read_file(path)
    st = path.stat()
    path.write_bytes(b"two")  # same size
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # and the old mtime
    with pytest.raises(Changed):
        write_file(path, b"three", expect=seen)
    assert path.read_bytes() == b"two"
    with pytest.raises(Changed, match="created"):
        write_file(path, b"x", expect=None)
    path.unlink()
    with pytest.raises(Changed, match="removed"):
        write_file(path, b"x", expect=seen)


def test_touched_but_unchanged_file_is_saved(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_bytes(b"one")
    _, seen = read_file(path)
    os.utime(path, (1, 1))
    new = write_file(path, b"two", expect=seen)
    assert path.read_bytes() == b"two" and new.size == 3
    assert write_file(path, b"three", expect=new).size == 5


def test_output_is_never_an_input(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_bytes(b"map")
    read_file(path)
    link = tmp_path / "link.yaml"
    link.symlink_to(path)
    hard = tmp_path / "hard.yaml"
    os.link(path, hard)
    for out in (path, link, hard):
        with pytest.raises(OutputIsInput):
            write_file(out, b"json", protect_inputs=True)
    assert path.read_bytes() == b"map"
    write_file(path, b"saved")  # the editor's own save is allowed


def test_writers_take_turns_under_the_lock(tmp_path):
    """A writer waits while another argmap process holds the file's lock."""
    path = tmp_path / "m.yaml"
    path.write_bytes(b"old")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, os, sys, time\n"
            f"fd = os.open({str(path)!r}, os.O_RDONLY)\n"
            "fcntl.flock(fd, fcntl.LOCK_EX)\n"
            "print('locked', flush=True)\n"
            "time.sleep(0.5)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "locked"
    started = time.monotonic()
    write_file(path, b"new")
    waited = time.monotonic() - started
    holder.wait()
    assert path.read_bytes() == b"new"
    assert waited > 0.2


def test_lock_held_too_long_is_an_error(tmp_path, monkeypatch):
    import fcntl

    path = tmp_path / "m.yaml"
    path.write_bytes(b"old")
    monkeypatch.setattr(store, "LOCK_TIMEOUT_S", 0.2)
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        code = (
            f"from argmap import store\nstore.LOCK_TIMEOUT_S = 0.2\nstore.write_file({str(path)!r}, b'x')\n"
        )
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    finally:
        os.close(fd)
    assert "another argmap process is writing it" in result.stderr
    assert path.read_bytes() == b"old"
