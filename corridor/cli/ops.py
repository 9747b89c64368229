"""`corridor backup` and `corridor restore`: the database and the uploaded files (corridor.ops.backup)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(commands: argparse._SubParsersAction) -> None:
    backup = commands.add_parser(
        "backup", help="write a backup (database and uploaded files) into a folder, as one tar file"
    )
    backup.add_argument("folder", type=Path, help="where to write corridor-backup-<UTC time>.tar")
    backup.add_argument("--keep", type=int, help="then delete all but the newest KEEP backups in the folder")
    backup.set_defaults(handler=_backup)
    restore = commands.add_parser(
        "restore", help="restore a backup into an empty database (DATABASE_URL) and the upload folder"
    )
    restore.add_argument("archive", type=Path, help="a corridor-backup-….tar file")
    restore.set_defaults(handler=_restore)


def _backup(args: argparse.Namespace) -> int:
    from corridor.ops.backup import BackupError, make_backup

    if args.keep is not None and args.keep < 1:
        print("corridor backup: --keep must be 1 or more", file=sys.stderr)
        return 2
    try:
        path = make_backup(folder=args.folder, keep=args.keep)
    except BackupError as failed:
        print(f"corridor backup: {failed}", file=sys.stderr)
        return 1
    print(f"Wrote {path} ({path.stat().st_size:,} bytes).")
    return 0


def _restore(args: argparse.Namespace) -> int:
    from corridor.ops.backup import BackupError, restore_backup

    try:
        restored = restore_backup(archive=args.archive)
    except BackupError as failed:
        print(f"corridor restore: {failed}", file=sys.stderr)
        return 1
    print(restored)
    return 0
