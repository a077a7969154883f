"""Demo data of the dashboards: the summary tables recounted after every app has bulk-loaded its
records (bulk loads bypass the actions that keep them): daily person-times, daily ratings, the talent inflow,
the matching funnel and the demand by discipline."""

from returnee_home.core.demo.registry import DemoContext

ORDER = 99  # after every app that creates service records, talents, postings and applications


def seed(ctx: DemoContext) -> None:
    from returnee_home.jobs.tallies import tallies_rebuild
    from returnee_home.records.actions import rating_day_counts_rebuild, service_day_counts_rebuild
    from returnee_home.talent.inflow import inflow_rebuild

    rows = service_day_counts_rebuild()
    ctx.log(f"dashboards: daily person-times summary recounted ({rows} rows)")
    rows = rating_day_counts_rebuild()
    ctx.log(f"dashboards: daily ratings summary recounted ({rows} rows)")
    rows = inflow_rebuild()
    tallies_rebuild()
    ctx.log(f"dashboards: talent inflow ({rows} rows), funnel and demand recounted")
