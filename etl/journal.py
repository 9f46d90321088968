"""All-or-nothing changes to data/: inputs and the database move together, even when the process is killed.

Before a change (`add`, `import-curated`, the Dữ liệu page) writes its input files, `begin` copies the files it
will replace into a journal folder beside the database and then writes the journal's manifest. Once the new inputs
are processed, `expect` records the fingerprint the new database will carry; `finish` removes the journal after
the database is swapped in. Whoever takes the rebuild lock next calls `recover`: a database carrying the expected
fingerprint means the change was complete (the journal is dropped); anything else puts every input back as it
was, so the old database matches its inputs again. Recovering twice is harmless.
"""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

MANIFEST = "manifest.json"


def journal_folder(db: Path) -> Path:
    return Path(db).with_name(Path(db).name + ".journal")


def _write_manifest(folder: Path, manifest: dict) -> None:
    tmp = folder / (MANIFEST + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, folder / MANIFEST)


def begin(db: Path, files: list[Path]) -> None:
    """Keep a copy of each file about to change (or note that it does not exist yet); call with the lock held."""
    folder = journal_folder(db)
    if folder.exists():
        shutil.rmtree(folder)  # a journal without manifest: its change never touched an input
    folder.mkdir(parents=True)
    entries = []
    for i, path in enumerate(files):
        backup = None
        if Path(path).exists():
            backup = f"{i}.bak"
            shutil.copy2(path, folder / backup)
        entries.append({"path": str(Path(path).resolve()), "backup": backup})
    _write_manifest(folder, {"files": entries, "expected_fingerprint": None})  # from here on, recover undoes


def expect(db: Path, fingerprint: str) -> None:
    """The fingerprint of the database about to be written: if it is found in place, the change was complete."""
    folder = journal_folder(db)
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    manifest["expected_fingerprint"] = fingerprint
    _write_manifest(folder, manifest)


def finish(db: Path) -> None:
    shutil.rmtree(journal_folder(db), ignore_errors=True)


def recover(db: Path) -> str | None:
    """Finish or undo a change a killed process left behind; "forward", "back" or None (nothing to do).

    Also removes the temporary input files such a process may have left. Call with the rebuild lock held.
    """
    from .build import stored_fingerprint  # build imports this module

    folder = journal_folder(db)
    if not folder.exists():
        return None
    manifest_path = folder / MANIFEST
    if not manifest_path.exists():  # killed while copying: no input had been touched
        shutil.rmtree(folder)
        return None
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    expected = manifest.get("expected_fingerprint")
    outcome = "forward" if expected and stored_fingerprint(Path(db)) == expected else "back"
    for entry in manifest["files"]:
        path = Path(entry["path"])
        for leftover in path.parent.parent.glob(f".{path.name}-*.tmp"):  # etl/intake.py writes beside the folder
            leftover.unlink(missing_ok=True)
        if outcome == "back":
            if entry["backup"] is None:
                path.unlink(missing_ok=True)
            else:
                tmp = path.with_name(f".{path.name}.restore.tmp")
                shutil.copy2(folder / entry["backup"], tmp)
                os.replace(tmp, path)
    shutil.rmtree(folder)
    return outcome
