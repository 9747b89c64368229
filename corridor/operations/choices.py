from django.db import models


class ActivityCategory(models.TextChoices):
    """The seven kinds of field-operation response the 2016 study found (its section 6)."""

    MONITORING = "monitoring", "Monitoring"
    REPORTING_LIAISING = "reporting_liaising", "Reporting and liaising"
    HUMAN_RIGHTS_APPROACH = "human_rights_approach", "Human-rights-based approach"
    COMMUNITY_AWARENESS = "community_awareness", "Awareness at community level"
    GOVERNANCE_CIVIL_SOCIETY = "governance_civil_society", "Local governance and civil-society capacity"
    POLICING_CRIME = "policing_crime", "Policing and migration-related crime"
    RESEARCH = "research", "Research"


class Funding(models.TextChoices):
    UNIFIED_BUDGET = "unified_budget", "Unified budget"
    EXTRA_BUDGETARY = "extra_budgetary", "Extra-budgetary"
    UNKNOWN = "unknown", "Not stated"


class ActivityStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    PLANNED = "planned", "Planned"
    ONGOING = "ongoing", "Ongoing"
    COMPLETED = "completed", "Completed"
    NOT_PURSUED = "not_pursued", "Not pursued"
    UNKNOWN = "unknown", "Not stated"


class LeadRole(models.TextChoices):
    ORGANISED = "organised", "Organised"
    SUPPORTED = "supported", "Supported"
    PARTICIPATED = "participated", "Participated"
    FUNDED = "funded", "Funded"
    IMPLEMENTED = "implemented", "Implemented"


class Recurrence(models.TextChoices):
    ONCE = "once", "Once"
    WEEKLY = "weekly", "Weekly"
    REGULAR = "regular", "Regular"
    AD_HOC = "ad_hoc", "Ad hoc"


class ActionPointStatus(models.TextChoices):
    OPEN = "open", "Open"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"
    UNKNOWN = "unknown", "Not stated"
