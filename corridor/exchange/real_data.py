"""The real 2015–16 datasets shipped in `corridor/casestudy/real/`, imported through the ordinary importer.

Each dataset folder holds the data file exactly as shipped, its PROVENANCE.md and the mapping that reads
it: the UNHCR and Eurostat counts become flow observations, the dated policy changes timeline events. They
are loaded as the platform (like the case study), each file all or nothing, after `corridor casestudy load`
has created the places, organisations and sources they refer to. Loading again changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from corridor.exchange.acting import PLATFORM
from corridor.exchange.choices import ImportMode
from corridor.exchange.mapping import MappingInvalid, load_mapping_file
from corridor.exchange.pipeline import ProgressCallback
from corridor.exchange.report import ImportReport, RowError
from corridor.exchange.services import import_file

REAL_DATA_DIR = Path(__file__).resolve().parent.parent / "casestudy" / "real"


@dataclass(frozen=True)
class RealDataset:
    folder: str
    data_file: str
    mapping_file: str = "mapping.yaml"

    @property
    def data_path(self) -> Path:
        return REAL_DATA_DIR / self.folder / self.data_file

    @property
    def mapping_path(self) -> Path:
        return REAL_DATA_DIR / self.folder / self.mapping_file


DATASETS = (
    RealDataset("wb-route-daily-unhcr", "wb_route_daily_long.csv"),
    RealDataset("eurostat-asylum-kosovo", "migr_asyappctzm_2015_kosovo.csv"),
    RealDataset("policy-changes-2015-16", "policy_changes.csv"),
)


def load_real_data(*, dry_run: bool = False, progress: ProgressCallback | None = None) -> list[ImportReport]:
    """Import every shipped dataset; one report each."""
    reports = []
    for dataset in DATASETS:
        try:
            spec = load_mapping_file(dataset.mapping_path)
        except MappingInvalid as invalid:
            report = ImportReport(kind="", file_name=dataset.data_file, error_count=len(invalid.problems))
            report.errors = [RowError(None, f"mapping {invalid.origin}", "", p) for p in invalid.problems]
            reports.append(report)
            continue
        reports.append(
            import_file(
                actor=PLATFORM,
                source=dataset.data_path,
                kind=spec.kind or "observations",
                mapping=spec,
                mode=ImportMode.ALL_OR_NOTHING,
                dry_run=dry_run,
                progress=progress,
            )
        )
    return reports


ROUTES_DIR = Path(__file__).resolve().parent.parent / "casestudy" / "routes"


def shipped_route_folders() -> list[Path]:
    """The route folders shipped with the case studies (each as a user would write it; docs/routes.md)."""
    return sorted(path for path in ROUTES_DIR.iterdir() if (path / "route.csv").is_file())


def load_shipped_routes() -> list[tuple[Path, str]]:
    """Import every shipped route as the platform; (folder, outcome) each. `RouteFilesRefused` names the
    file, line and column of every problem of the first folder that has any; that folder writes nothing."""
    from corridor.exchange.route_files import import_route_folder

    return [(folder, import_route_folder(folder).outcome) for folder in shipped_route_folders()]
