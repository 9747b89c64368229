from django.db import models


class OrganisationKind(models.TextChoices):
    OSCE_DECISION_BODY = "osce_decision_body", "OSCE decision-making body"
    OSCE_EXECUTIVE_STRUCTURE = "osce_executive_structure", "OSCE executive structure"
    OSCE_INSTITUTION = "osce_institution", "OSCE institution"
    OSCE_FIELD_OPERATION = "osce_field_operation", "OSCE field operation"
    OSCE_FIELD_OPERATIONS_JOINTLY = "osce_field_operations_jointly", "OSCE field operations acting jointly"
    OSCE_PARLIAMENTARY_ASSEMBLY = "osce_parliamentary_assembly", "OSCE Parliamentary Assembly"
    OSCE_CHAIRMANSHIP = "osce_chairmanship", "OSCE Chairmanship"
    UN_AGENCY = "un_agency", "UN agency"
    EU_BODY = "eu_body", "EU body"
    INTERGOVERNMENTAL = "intergovernmental", "Intergovernmental organisation"
    INGO = "ingo", "International NGO"
    NGO = "ngo", "NGO"
    NATIONAL_AUTHORITY = "national_authority", "National authority"
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    DELEGATION = "delegation", "Delegation of a participating State"
    ACADEMIC = "academic", "Academic"
    MEDIA = "media", "Media"
    OTHER = "other", "Other"


OSCE_KINDS = frozenset(
    {
        OrganisationKind.OSCE_DECISION_BODY,
        OrganisationKind.OSCE_EXECUTIVE_STRUCTURE,
        OrganisationKind.OSCE_INSTITUTION,
        OrganisationKind.OSCE_FIELD_OPERATION,
        OrganisationKind.OSCE_FIELD_OPERATIONS_JOINTLY,
        OrganisationKind.OSCE_PARLIAMENTARY_ASSEMBLY,
        OrganisationKind.OSCE_CHAIRMANSHIP,
    }
)
