from django.urls import path

from . import canvas_views, record_views, views

app_name = "atelier"

canvas = "experimenten/<slug:slug>/canvas/<int:number>/"

urlpatterns = [
    path("", views.index, name="index"),
    path("experimenten/", views.experiment_list, name="experiment_list"),
    path("experimenten/<slug:slug>/", views.experiment_detail, name="experiment"),
    path("experimenten/<slug:slug>/sfeerbeeld/", views.experiment_mood_image, name="experiment_mood_image"),
    path("experimenten/<slug:slug>/waarom-hoe-wat/<int:number>/", views.why_how_what_edit, name="why_how_what_edit"),
    path("experimenten/<slug:slug>/canvas/vergelijk/", canvas_views.canvas_compare, name="canvas_compare"),
    path(canvas, canvas_views.canvas_detail, name="canvas"),
    path(canvas + "beginnen/", canvas_views.canvas_start_view, name="canvas_start"),
    path(canvas + "afdrukken/", canvas_views.canvas_print, name="canvas_print"),
    path(canvas + "pdf/", canvas_views.canvas_pdf, name="canvas_pdf"),
    path(canvas + "kaartjes/nieuw/", canvas_views.canvas_item_add_view, name="canvas_item_add"),
    path(canvas + "kaartjes/<int:item_id>/wijzigen/", canvas_views.canvas_item_edit_view, name="canvas_item_edit"),
    path(canvas + "kaartjes/<int:item_id>/verplaatsen/", canvas_views.canvas_item_move_view, name="canvas_item_move"),
    path(canvas + "kaartjes/<int:item_id>/weghalen/", canvas_views.canvas_item_remove_view, name="canvas_item_remove"),
    path("teams/<slug:team_slug>/werkateliers/nieuw/", record_views.workshop_add, name="workshop_add"),
    path("teams/<slug:team_slug>/werkateliers/<int:number>/", views.workshop_report, name="workshop"),
    path(
        "teams/<slug:team_slug>/werkateliers/<int:number>/wijzigen/", record_views.workshop_edit, name="workshop_edit"
    ),
    path("teams/<slug:team_slug>/werkateliers/<int:number>/pdf/", views.workshop_pdf, name="workshop_pdf"),
    path("verhalen/<uuid:uid>/", views.story_page, name="story"),
    path("verhalen/<uuid:uid>/beeld/", views.story_image, name="story_image"),
    path("verhalen/<uuid:uid>/wijzigen/", record_views.story_edit, name="story_edit"),
    path("experimenten/<slug:slug>/verhalen/nieuw/", record_views.story_add, name="story_add"),
    path("experimenten/<slug:slug>/openbaar/", record_views.experiment_publication, name="experiment_publication"),
    path(
        "teams/<slug:team_slug>/werkateliers/<int:number>/inzichten/",
        record_views.insight_add_view,
        name="insight_add",
    ),
    path(
        "teams/<slug:team_slug>/werkateliers/<int:number>/openbaar/",
        record_views.workshop_publication,
        name="workshop_publication",
    ),
]
