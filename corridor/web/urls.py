from django.urls import path

from corridor.web import account, exchange, jobs, lists, pages, recording, reports, timeline

app_name = "web"

urlpatterns = [
    path("", pages.home, name="home"),
    path("names/", pages.choose_names, name="choose_names"),
    path("timeline/", timeline.timeline, name="timeline"),
    path("operations/<slug:slug>/", pages.operation, name="operation"),
    path("places/<slug:slug>/", pages.place, name="place"),
    path("activities/", lists.activities, name="activities"),
    path("activities/new/", recording.activity_new, name="activity_new"),
    path("activities/<slug:slug>/", lists.activity, name="activity"),
    path("activities/<slug:slug>/edit/", recording.activity_edit, name="activity_edit"),
    path("visits/", lists.visits, name="visits"),
    path("visits/new/", recording.visit_new, name="visit_new"),
    path("visits/<slug:slug>/", lists.visit, name="visit"),
    path("visits/<slug:slug>/edit/", recording.visit_edit, name="visit_edit"),
    path("meetings/", lists.meetings, name="meetings"),
    path("meetings/new/", recording.meeting_new, name="meeting_new"),
    path("meetings/<slug:slug>/", lists.meeting, name="meeting"),
    path("events/new/", recording.event_new, name="event_new"),
    path("counts/new/", recording.count_new, name="count_new"),
    path("record/", recording.record, name="record"),
    path("account/", account.tokens, name="tokens"),
    path("exchange/", exchange.upload, name="exchange"),
    path("exchange/export/", exchange.export, name="export"),
    path("exchange/<uuid:uid>/errors.csv", exchange.error_report, name="import_errors"),
    path("reports/", reports.reports, name="reports"),
    path("reports/<uuid:uid>/<str:output_format>/", reports.download, name="report_download"),
    path("jobs/", jobs.jobs, name="jobs"),
    path("jobs/<uuid:uid>/", jobs.job, name="job"),
    path("account/tokens/<int:token_id>/revoke/", account.revoke, name="token_revoke"),
]
