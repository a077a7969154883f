"""Demo data of the dashboards: the daily person-times summary recounted after every app has
bulk-loaded its service records (bulk loads bypass `service_record_create`)."""

from returnee_home.core.demo.registry import DemoContext

ORDER = 99  # after every app that creates service records


def seed(ctx: DemoContext) -> None:
    from returnee_home.records.actions import service_day_counts_rebuild

    rows = service_day_counts_rebuild()
    ctx.log(f"dashboards: daily person-times summary recounted ({rows} rows)")
