"""Public catalogue, the applicant's requests, the staff workbench and catalogue upkeep."""

from django.urls import path

from returnee_home.services.views import catalogue_admin, public, requests

app_name = "services"

urlpatterns = [
    path("", public.catalogue, name="catalogue"),
    path("items/<slug:slug>/", public.item_detail, name="item"),
    path("my/new/<slug:slug>/", requests.request_start, name="request_start"),
    path("my/", requests.my_requests, name="my_requests"),
    path("my/<int:request_id>/", requests.my_request, name="my_request"),
    path("my/<int:request_id>/<str:step>/", requests.my_request_step, name="my_request_step"),
    path("files/<int:upload_id>/", requests.upload_file, name="upload_file"),
    path("results/<int:request_id>/", requests.result_file, name="result_file"),
    path("workbench/", requests.workbench_index, name="workbench_index"),
    path("workbench/<int:home_id>/", requests.workbench, name="workbench"),
    path("workbench/requests/<int:request_id>/", requests.staff_request, name="staff_request"),
    path("catalogue/", catalogue_admin.item_list, name="admin_items"),
    path("catalogue/new/", catalogue_admin.item_edit, name="admin_item_create"),
    path("catalogue/<int:item_id>/", catalogue_admin.item_edit, name="admin_item_edit"),
    path(
        "catalogue/<int:item_id>/active/", catalogue_admin.item_set_active, name="admin_item_active"
    ),
    path("offerings/<int:home_id>/", catalogue_admin.offerings, name="offerings"),
    path(
        "offerings/<int:home_id>/<int:item_id>/",
        catalogue_admin.offering_edit,
        name="offering_edit",
    ),
]
