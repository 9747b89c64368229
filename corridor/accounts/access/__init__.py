"""Every read and write rule of Corridor, in one package.

- `records`: classified records — who reads them (`restrict`, `get_visible`, `readable`, `can_read`), who
  changes (`can_edit`), approves (`can_approve`) and administers (`can_administer`) for an organisation,
  and whether one record's readers all read another (`covers`);
- `references`: a reference to a record the reader may not read is withheld (`shown`, `hidden_ids`), and

- `writing`: a new record's classification (chosen, or the owner's default), publishing, what a public
  record may name;
- `runs`: jobs, report and forecast runs, import runs and column mappings;
- `people`: how one user is named to another (a user name only to its owner and administrators);
- `abilities`: what the pages offer a user (record, import, edit) and what a refusal tells them.

Apps call these from their selectors and services; no app decides visibility or rights itself, and a
test walks every page and API operation as each persona to check that nothing bypasses them.
"""

from corridor.accounts.access.abilities import (
    may_change,
    may_import,
    may_record,
    may_share_mapping,
    member_organisation_ids,
    recording_organisation_ids,
    refusal_reason,
)
from corridor.accounts.access.people import person_label, person_labels
from corridor.accounts.access.records import (
    ANONYMOUS,
    Access,
    Handling,
    Reader,
    access_for,
    can_administer,
    can_approve,
    can_edit,
    can_read,
    covers,
    forget_access,
    get_visible,
    readable,
    restrict,
)
from corridor.accounts.access.references import (
    forget_hidden,
    hidden_ids,
    name_or_withheld,
    shown,
    shown_all,
    shown_id,
    visible_subset,
    withheld_label,
)
from corridor.accounts.access.runs import restrict_runs, restrict_shared, restrict_to_requester
from corridor.accounts.access.writing import (
    default_classification,
    new_record_classification,
    require_may_publish,
    require_may_reclassify,
    require_public_references,
)

__all__ = [
    "ANONYMOUS",
    "Access",
    "Handling",
    "Reader",
    "access_for",
    "can_administer",
    "can_approve",
    "can_edit",
    "can_read",
    "covers",
    "default_classification",
    "forget_access",
    "forget_hidden",
    "get_visible",
    "hidden_ids",
    "may_change",
    "may_import",
    "may_record",
    "may_share_mapping",
    "member_organisation_ids",
    "name_or_withheld",
    "new_record_classification",
    "person_label",
    "person_labels",
    "readable",
    "recording_organisation_ids",
    "refusal_reason",
    "require_may_publish",
    "require_may_reclassify",
    "require_public_references",
    "restrict",
    "restrict_runs",
    "restrict_shared",
    "restrict_to_requester",
    "shown",
    "shown_all",
    "shown_id",
    "visible_subset",
    "withheld_label",
]
