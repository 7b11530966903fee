"""Saving: atomic, with a backup, refusing to clobber changed or newer files, clear errors.

Faults are injected for real where the system allows it: a read-only folder is made
immutable (``chattr +i``, because the tests run as root and root ignores the mode
bits; ``chmod`` is used when not root), a file size limit (``RLIMIT_FSIZE``) makes
the kernel refuse a write half-way in a child process, folders really vanish. Only
a full disk and Windows' refused replace are simulated, by replacing the one writer
call or ``os.replace`` with one that fails the way the OS does.
"""

import errno
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from ssa_wizard import fs, storage
from ssa_wizard.model import Partner, Proposal

ROOT = Path(__file__).resolve().parents[2]


def proposal(title="Digital skills", **extra) -> Proposal:
    p = Proposal.new()
    p.project.title = title
    p.partners.append(Partner(id="p1", name="ROC Midden Nederland", country="NL"))
    for key, value in extra.items():
        setattr(p, key, value)
    return p


def litter(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.fixture
def saved(tmp_path):
    path = tmp_path / "plan.ssa.json"
    stamp = storage.save(proposal("Old"), path).stamp
    return path, stamp


# --- the normal path -------------------------------------------------------------


def test_save_writes_the_proposal_and_returns_its_stamp(tmp_path):
    path = tmp_path / "new.ssa.json"
    p = proposal("Ελληνικά & Ł")
    stamp = storage.save(p, path).stamp
    data = path.read_bytes()
    assert data == p.to_json().encode("utf-8")
    assert stamp == storage.file_stamp(path)
    assert stamp.size == len(data)
    loaded = storage.load(path)
    assert loaded.proposal == p
    assert loaded.stamp == stamp
    assert not storage.backup_path(path).exists()  # nothing to back up yet
    assert storage.existing_backup(path) is None
    assert litter(tmp_path) == []


def test_save_keeps_one_generation_of_backup(saved):
    path, stamp = saved
    first = path.read_bytes()
    stamp = storage.save(proposal("Second"), path, expected=stamp).stamp
    second = path.read_bytes()
    assert storage.backup_path(path).read_bytes() == first
    assert storage.backup_path(path).name == "plan.ssa.json.bak"
    assert storage.existing_backup(path) == storage.backup_path(path)
    storage.save(proposal("Third"), path, expected=stamp)
    assert storage.backup_path(path).read_bytes() == second
    assert storage.load(storage.backup_path(path)).proposal.project.title == "Second"


def test_saving_unchanged_content_keeps_the_real_previous_backup(saved):
    path, stamp = saved
    first = path.read_bytes()
    stamp = storage.save(proposal("Second"), path, expected=stamp).stamp
    storage.save(proposal("Second"), path, expected=stamp)  # Save again without changes
    assert storage.backup_path(path).read_bytes() == first


@pytest.mark.skipif(os.name == "nt", reason="POSIX modes")
def test_save_keeps_the_files_mode(saved):
    path, stamp = saved
    os.chmod(path, 0o664)  # a group-writable file on a shared drive stays so
    storage.save(proposal("New"), path, expected=stamp)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o664


def test_save_writes_through_a_symbolic_link(saved, tmp_path):
    path, stamp = saved
    link = tmp_path / "link.ssa.json"
    link.symlink_to(path)
    storage.save(proposal("Via link"), link, expected=stamp)
    assert link.is_symlink()
    assert storage.load(path).proposal.project.title == "Via link"


# --- changed on disk -------------------------------------------------------------


def test_file_changed_on_disk_since_opening_is_not_overwritten(saved):
    path, stamp = saved
    theirs = proposal("Their edit").to_json().encode("utf-8")
    path.write_bytes(theirs)  # another person saved meanwhile
    with pytest.raises(storage.FileChangedOnDisk) as info:
        storage.save(proposal("Mine"), path, expected=stamp)
    assert path.read_bytes() == theirs
    assert info.value.expected == stamp
    assert info.value.current == storage.file_stamp(path)
    assert "plan.ssa.json" in str(info.value) and "changed" in str(info.value)
    assert isinstance(info.value, storage.SaveError)
    assert litter(path.parent) == []

    # The user chose "overwrite".
    storage.save(proposal("Mine"), path, expected=stamp, force=True)
    assert storage.load(path).proposal.project.title == "Mine"
    assert storage.backup_path(path).read_bytes() == theirs


def test_same_size_change_within_the_same_time_is_noticed(saved):
    path, stamp = saved
    data = bytearray(path.read_bytes())
    data[data.index(b"Old")] = ord("N")  # "Nld": same size
    path.write_bytes(bytes(data))
    os.utime(path, ns=(stamp.mtime_ns, stamp.mtime_ns))  # and the same time
    with pytest.raises(storage.FileChangedOnDisk):
        storage.save(proposal("Mine"), path, expected=stamp)


def test_touched_but_unchanged_file_is_no_conflict(saved):
    path, stamp = saved
    os.utime(path, ns=(stamp.mtime_ns + 10**10, stamp.mtime_ns + 10**10))
    storage.save(proposal("Mine"), path, expected=stamp)
    assert storage.load(path).proposal.project.title == "Mine"


def test_file_deleted_since_opening_is_reported(saved):
    path, stamp = saved
    path.unlink()
    with pytest.raises(storage.FileChangedOnDisk) as info:
        storage.save(proposal("Mine"), path, expected=stamp)
    assert info.value.current is None
    assert "deleted or moved" in str(info.value)
    assert not path.exists()
    storage.save(proposal("Mine"), path, expected=stamp, force=True)
    assert path.exists()


def test_change_by_a_second_process_is_noticed(saved):
    path, stamp = saved
    code = ("import sys; from ssa_wizard import storage; l = storage.load(sys.argv[1]); "
            "l.proposal.project.title = 'Other program'; storage.save(l.proposal, sys.argv[1], expected=l.stamp)")
    subprocess.run([sys.executable, "-c", code, str(path)], check=True, cwd=ROOT,
                   env={**os.environ, "PYTHONPATH": str(ROOT)})
    with pytest.raises(storage.FileChangedOnDisk):
        storage.save(proposal("Mine"), path, expected=stamp)
    assert storage.load(path).proposal.project.title == "Other program"


# --- newer versions --------------------------------------------------------------


def test_newer_version_proposal_is_never_written(tmp_path):
    path = tmp_path / "future.ssa.json"
    original = json.dumps({"format": "ssa-proposal", "version": 7, "hologram": {"x": 1},
                           "project": {"title": "From the future"}}).encode()
    path.write_bytes(original)
    loaded = storage.load(path)
    assert loaded.read_only
    with pytest.raises(storage.NewerVersionRefused) as info:
        storage.save(loaded.proposal, path, expected=loaded.stamp, force=True)
    assert "newer version" in str(info.value) and "future.ssa.json" in str(info.value)
    with pytest.raises(storage.NewerVersionRefused):
        storage.save(loaded.proposal, tmp_path / "copy.ssa.json")  # not even as a copy
    assert path.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["future.ssa.json"]


def test_newer_version_file_on_disk_is_never_overwritten(saved):
    path, stamp = saved
    future = json.dumps({"format": "ssa-proposal", "version": 9}).encode()
    path.write_bytes(future)
    with pytest.raises(storage.NewerVersionRefused):
        storage.save(proposal("Mine"), path, expected=stamp, force=True)
    assert path.read_bytes() == future


def test_save_as_of_a_newer_proposal_drops_what_this_version_does_not_know(tmp_path):
    path = tmp_path / "future.ssa.json"
    path.write_text(json.dumps({
        "format": "ssa-proposal", "version": 3, "hologram": True,
        "project": {"title": "T", "mood": "x"}, "partners": [{"id": "p1", "name": "N", "aura": 1}]}))
    copy = storage.current_version_copy(storage.load(path).proposal)
    target = tmp_path / "copy.ssa.json"
    storage.save(copy, target)
    written = json.loads(target.read_text())
    assert written["version"] == storage.VERSION
    assert "hologram" not in written and "mood" not in written["project"]
    assert "aura" not in written["partners"][0]
    assert written["partners"][0]["name"] == "N" and written["project"]["title"] == "T"


# --- failing disks and folders ---------------------------------------------------


def test_disk_full_mid_save_leaves_the_file_and_no_litter(saved, monkeypatch):
    path, stamp = saved
    old = path.read_bytes()
    budget = [len(old) + 100]  # the backup fits, the new file does not

    def filling_writer(fd, data):
        if budget[0] <= 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        n = os.write(fd, data[: min(len(data), budget[0])])
        budget[0] -= n
        return n

    monkeypatch.setattr(fs, "_write_chunk", filling_writer)
    monkeypatch.setattr(fs, "_CHUNK", 256)
    with pytest.raises(storage.SaveError) as info:
        storage.save(proposal("New " * 2000), path, expected=stamp)
    assert budget[0] <= 0  # the fault really happened mid-write
    message = str(info.value)
    assert message == "Could not save plan.ssa.json: the disk is full."
    assert info.value.reason == "the disk is full"
    assert path.read_bytes() == old
    assert storage.backup_path(path).read_bytes() == old
    assert litter(path.parent) == []


FSIZE_CHILD = r"""
import resource, signal, sys
from ssa_wizard import fs, storage
path = sys.argv[1]
loaded = storage.load(path)
loaded.proposal.project.summary = "z" * 50000
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (20000, 20000))
try:
    storage.save(loaded.proposal, path, expected=loaded.stamp)
except storage.SaveError as exc:
    print(exc)
    sys.exit(3)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
def test_kernel_refusing_a_write_half_way_leaves_the_file(saved):
    path, _stamp = saved
    old = path.read_bytes()
    result = subprocess.run([sys.executable, "-c", FSIZE_CHILD, str(path)], cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True)
    assert result.returncode == 3, result.stderr
    assert result.stdout.strip() == "Could not save plan.ssa.json: the file is too large for this disk."
    assert path.read_bytes() == old
    assert litter(path.parent) == []


@pytest.fixture
def read_only_folder(tmp_path, make_read_only):
    """A folder nobody may create files in, holding the old version of a proposal."""
    folder = tmp_path / "locked"
    folder.mkdir()
    (folder / "plan.ssa.json").write_bytes(proposal("Old").to_json().encode())
    return make_read_only(folder)


def test_read_only_folder_is_reported_and_nothing_changes(read_only_folder):
    path = read_only_folder / "plan.ssa.json"
    old = path.read_bytes()
    loaded = storage.load(path)
    with pytest.raises(storage.SaveError) as info:
        storage.save(proposal("New"), path, expected=loaded.stamp)
    assert str(info.value) == ("Could not save plan.ssa.json: you are not allowed to write there, "
                               "or the file is in use.")
    assert path.read_bytes() == old
    assert sorted(p.name for p in read_only_folder.iterdir()) == ["plan.ssa.json"]
    with pytest.raises(storage.SaveError):
        storage.save(proposal("New"), read_only_folder / "other.ssa.json")


def test_vanished_folder_is_reported(tmp_path):
    stick = tmp_path / "USB"
    stick.mkdir()
    path = stick / "plan.ssa.json"
    stamp = storage.save(proposal("Old"), path).stamp
    path.unlink()
    stick.rmdir()  # the stick was pulled
    with pytest.raises(storage.SaveError) as info:
        storage.save(proposal("New"), path, expected=stamp)
    assert not isinstance(info.value, storage.FileChangedOnDisk)
    assert f"the folder {stick} no longer exists" in str(info.value)
    assert "Save As" not in str(info.value)  # advice is the front end's: the CLI has no Save As
    assert not stick.exists()


def test_path_through_a_file_is_reported(tmp_path):
    blocker = tmp_path / "notafolder"
    blocker.write_text("x")
    with pytest.raises(storage.SaveError) as info:
        storage.save(proposal(), blocker / "plan.ssa.json")
    assert "plan.ssa.json" in str(info.value)
    assert blocker.read_text() == "x"


def test_saving_over_a_folder_is_reported(tmp_path):
    (tmp_path / "plan.ssa.json").mkdir()
    with pytest.raises(storage.SaveError) as info:
        storage.save(proposal(), tmp_path / "plan.ssa.json")
    assert "there is a folder with that name" in str(info.value)
    assert litter(tmp_path) == []


def test_replace_refused_for_a_while_is_retried(saved, monkeypatch):
    # Windows: an antivirus or sync client holds the file for a moment.
    path, stamp = saved
    real_replace = os.replace
    refusals = []

    def busy_replace(src, dst):
        if len(refusals) < 2 and Path(dst) == path:
            refusals.append(dst)
            raise PermissionError(errno.EACCES, "The process cannot access the file")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", busy_replace)
    monkeypatch.setattr(fs, "REPLACE_ATTEMPTS", 4)
    monkeypatch.setattr(fs, "REPLACE_DELAY", 0)
    storage.save(proposal("New"), path, expected=stamp)
    assert len(refusals) == 2
    assert storage.load(path).proposal.project.title == "New"
    assert litter(path.parent) == []


def test_replace_refused_for_good_is_reported(saved, monkeypatch):
    path, stamp = saved
    old = path.read_bytes()
    calls = []

    def busy_replace(src, dst):
        calls.append(dst)
        raise PermissionError(errno.EACCES, "The process cannot access the file")

    monkeypatch.setattr(os, "replace", busy_replace)
    monkeypatch.setattr(fs, "REPLACE_ATTEMPTS", 3)
    monkeypatch.setattr(fs, "REPLACE_DELAY", 0)
    with pytest.raises(storage.SaveError):
        storage.save(proposal("New"), path, expected=stamp)
    assert len([c for c in calls if Path(c) == path]) == 3
    assert path.read_bytes() == old
    assert litter(path.parent) == []


def test_write_bytes_atomic_shares_the_machinery(tmp_path, monkeypatch):
    out = tmp_path / "summary.pdf"
    storage.write_bytes_atomic(out, b"%PDF-1 old")
    steps = []
    monkeypatch.setattr(fs, "_crash_point", steps.append)
    storage.write_bytes_atomic(out, b"%PDF-1 new")
    assert out.read_bytes() == b"%PDF-1 new"
    assert steps == [f"file:{s}" for s in ("temp-created", "temp-partial", "temp-written",
                                           "temp-synced", "replaced", "folder-synced")]

    def failing(fd, data):
        os.write(fd, data[:3])
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(fs, "_write_chunk", failing)
    with pytest.raises(OSError):
        storage.write_bytes_atomic(out, b"%PDF-1 newer")
    assert out.read_bytes() == b"%PDF-1 new"
    assert litter(tmp_path) == []


def test_save_error_messages_go_through_gettext(tmp_path, monkeypatch):
    monkeypatch.setattr(storage, "_", lambda text: f"«{text}»")
    monkeypatch.setattr(fs, "_", lambda text: f"«{text}»")
    with pytest.raises(storage.SaveError) as info:
        storage.save(proposal(), tmp_path / "gone" / "plan.ssa.json")
    assert str(info.value).startswith("«Could not save plan.ssa.json: «the folder")


# --- text no file can hold (issue #15) ------------------------------------------------


def test_a_lone_surrogate_typed_in_is_refused_naming_the_field(saved):
    path, stamp = saved
    old = path.read_bytes()
    p = proposal("New")
    p.partners.append(Partner(id="p2", name="Agoria"))
    p.partners[1].city = "Gent \udc00"  # pasted half of an emoji
    with pytest.raises(storage.UnwritableText) as info:
        storage.save(p, path, expected=stamp)
    assert isinstance(info.value, storage.SaveError)
    assert info.value.reason == ("member 2, city: an invalid character (part of a broken emoji or "
                                 "symbol) cannot be saved; type that text again")
    assert str(info.value) == f"Could not save plan.ssa.json: {info.value.reason}."
    assert path.read_bytes() == old
    assert not storage.backup_path(path).exists()
    assert litter(path.parent) == []


# --- the backup (issue #15) -----------------------------------------------------------


def test_a_folder_in_the_backups_place_is_reported_not_claimed(saved):
    path, stamp = saved
    folder = storage.backup_path(path)
    folder.mkdir()
    (folder / "mine.txt").write_text("keep me")
    result = storage.save(proposal("New"), path, expected=stamp)
    assert storage.load(path).proposal.project.title == "New"  # the save itself happened
    assert not result.backed_up
    assert result.backup_problem == "there is a folder with that name"
    assert result.backup_note == ("plan.ssa.json was saved, but no backup of the previous version "
                                  "could be kept: there is a folder called plan.ssa.json.bak.")
    assert (folder / "mine.txt").read_text() == "keep me"  # the user's folder is left alone
    assert storage.existing_backup(path) is None
    assert litter(path.parent) == []


def test_a_good_backup_is_reported_as_such(saved):
    path, stamp = saved
    result = storage.save(proposal("New"), path, expected=stamp)
    assert result.backed_up and result.backup_problem is None and result.backup_note is None
    assert result.stamp == storage.file_stamp(path)
    again = storage.save(proposal("New"), path, expected=result.stamp)  # nothing changed
    assert not again.backed_up and again.backup_note is None


BACKUP_FSIZE_CHILD = r"""
import resource, signal, sys
from ssa_wizard import fs, storage
path = sys.argv[1]
loaded = storage.load(path)
loaded.proposal.project.summary = "small again"
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (20000, 20000))
result = storage.save(loaded.proposal, path, expected=loaded.stamp)
print(result.backed_up, result.backup_problem, sep="|")
print(result.backup_note)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
def test_a_backup_the_disk_refuses_is_reported_and_the_older_one_removed(saved):
    """The previous version no longer fits (the kernel refuses the write half-way),
    the new, smaller one does: the save succeeds, and the backup of two saves back,
    which would pass for the previous version, is removed."""
    path, stamp = saved
    big = proposal("Big")
    big.project.summary = "z" * 50000
    storage.save(big, path, expected=stamp)
    assert storage.backup_path(path).exists()  # the version from two saves back
    result = subprocess.run([sys.executable, "-c", BACKUP_FSIZE_CHILD, str(path)], cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    status, note = result.stdout.splitlines()
    assert status == "False|the file is too large for this disk"
    assert note == ("plan.ssa.json was saved, but no backup of the previous version could be kept: "
                    "the file is too large for this disk. The older backup plan.ssa.json.bak was "
                    "removed, so there is no backup now.")
    assert storage.load(path).proposal.project.summary == "small again"
    assert not storage.backup_path(path).exists()
    assert litter(path.parent) == []


@pytest.mark.skipif(os.name == "nt", reason="POSIX modes")
def test_the_backup_keeps_the_files_private_mode(saved):
    path, stamp = saved
    os.chmod(path, 0o600)
    stamp = storage.save(proposal("Second"), path, expected=stamp).stamp
    backup = storage.backup_path(path)
    assert stat.S_IMODE(os.stat(backup).st_mode) == 0o600  # a new backup
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    os.chmod(backup, 0o644)  # an old, readable backup left from before
    storage.save(proposal("Third"), path, expected=stamp)
    assert stat.S_IMODE(os.stat(backup).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


NOBODY_READS = r"""
import os, sys
os.setgroups([])
os.setgid(65534)
os.setuid(65534)
for name in sys.argv[1:]:
    try:
        with open(name, "rb"):
            print(name, "readable")
    except PermissionError:
        print(name, "refused")
"""


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="needs root, to run a child as the user nobody")
def test_another_user_cannot_read_the_backup_of_a_private_file():
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="ssa-private-"))  # not under pytest's 0700 folder
    try:
        folder.chmod(0o755)
        path = folder / "plan.ssa.json"
        stamp = storage.save(proposal("Old"), path).stamp
        os.chmod(path, 0o600)
        storage.save(proposal("New"), path, expected=stamp)
        public = folder / "public.txt"
        public.write_text("anyone")
        public.chmod(0o644)
        result = subprocess.run([sys.executable, "-c", NOBODY_READS, str(public), str(path),
                                 str(storage.backup_path(path))], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        assert result.stdout.splitlines() == [
            f"{public} readable",  # the child could reach the folder: the refusals are real
            f"{path} refused",
            f"{storage.backup_path(path)} refused",
        ]
    finally:
        shutil.rmtree(folder)


# --- a change on disk while the save is under way (issue #15) ------------------------


def test_a_change_just_before_the_replace_is_noticed(saved, monkeypatch):
    path, stamp = saved
    theirs = proposal("Theirs").to_json().encode("utf-8")

    def other_program(step):
        if step == "file:temp-synced":  # the backup is written, the new file is ready
            path.write_bytes(theirs)

    monkeypatch.setattr(fs, "_crash_point", other_program)
    with pytest.raises(storage.FileChangedOnDisk) as info:
        storage.save(proposal("Mine"), path, expected=stamp)
    assert info.value.current == storage.file_stamp(path)
    assert path.read_bytes() == theirs
    assert litter(path.parent) == []


def test_without_expectation_a_change_meanwhile_is_backed_up_before_the_replace(tmp_path, monkeypatch):
    path = tmp_path / "plan.ssa.json"
    storage.save(proposal("Old"), path)
    theirs = proposal("Theirs").to_json().encode("utf-8")
    done = []

    def other_program(step):
        if step == "file:temp-synced" and not done:
            done.append(step)
            path.write_bytes(theirs)

    monkeypatch.setattr(fs, "_crash_point", other_program)
    result = storage.save(proposal("Mine"), path)  # Save As over an existing file
    assert done
    assert storage.load(path).proposal.project.title == "Mine"
    assert storage.backup_path(path).read_bytes() == theirs  # the version really replaced
    assert result.backed_up
    assert litter(path.parent) == []


def test_a_file_that_keeps_changing_is_not_overwritten(tmp_path, monkeypatch):
    path = tmp_path / "plan.ssa.json"
    storage.save(proposal("Old"), path)
    versions = []

    def busy_program(step):
        if step == "backup:replaced":
            versions.append(proposal(f"Theirs {len(versions)}").to_json().encode("utf-8"))
            path.write_bytes(versions[-1])

    monkeypatch.setattr(fs, "_crash_point", busy_program)
    with pytest.raises(storage.SaveError) as info:
        storage.save(proposal("Mine"), path)
    assert info.value.reason == "another program keeps changing the file"
    assert len(versions) == storage.SAVE_ATTEMPTS
    assert path.read_bytes() == versions[-1]
    assert litter(path.parent) == []


def test_the_command_line_import_says_when_the_backup_failed(saved, capsys):
    from ssa_wizard import cards
    from ssa_wizard.cli import main

    path, _stamp = saved
    card = path.with_name("agoria.ssa-partner.json")
    cards.save_card(Partner(id="x", name="Agoria", country="BE", category="sector_expertise"), card)
    storage.backup_path(path).mkdir()
    main(["import", str(path), str(card)])
    captured = capsys.readouterr()
    assert captured.err == ("ssa-wizard: plan.ssa.json was saved, but no backup of the previous "
                            "version could be kept: there is a folder called plan.ssa.json.bak.\n")
    assert [m.name for m in storage.load(path).proposal.partners] == ["ROC Midden Nederland", "Agoria"]


@pytest.mark.parametrize(("candidates", "stem"), [
    (("DIGIRETAIL", "Digital skills"), "DIGIRETAIL"),
    (("", 'Skills: "A/B" <test>'), "Skills A B test"),
    (("  ", "..hidden.. "), "hidden"),
    (("con\x00trol\x7f",), "con trol"),
    (("x" * 200,), "x" * 60),
    (("", ""), "fallback"),
    (("?*:",), "fallback"),
])
def test_a_safe_stem_is_a_name_every_system_accepts(candidates, stem):
    assert storage.safe_stem(*candidates, fallback="fallback") == stem


def test_the_proposal_names_its_own_files(tmp_path):
    proposal = Proposal.new()
    assert storage.file_stem(proposal) == "proposal"
    proposal.project.title = "Groen/Toerisme"
    assert storage.file_stem(proposal) == "Groen Toerisme"
    proposal.project.acronym = "GREENSTAY"
    assert storage.file_stem(proposal) == "GREENSTAY"


@pytest.mark.parametrize(("error", "says"), [
    (FileNotFoundError(errno.ENOENT, "No such file or directory"), "The folder does not exist"),
    (IsADirectoryError(errno.EISDIR, "Is a directory"), "in the way"),
    (PermissionError(errno.EACCES, "Permission denied"), "may not write there"),
    (OSError(errno.ENOSPC, "No space left on device"), "the disk is full"),
])
def test_the_advice_for_a_failed_write_says_what_to_do_without_the_systems_words(error, says):
    advice = fs.write_advice(error, "/tmp/x.pdf")
    assert says in advice and "try again" in advice
    assert error.strerror not in advice
