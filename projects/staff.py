"""The catalogue's staff pages, served inside the admin: the preview of a draft."""

from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404
from django.urls import path

from torino_social_factory.common.admin import render_as_published

from .models import Project
from .views import project_detail


def urls(site):
    return [
        path(
            "anteprima/progetto/<int:pk>/",
            site.admin_view(preview_project),
            name="staff_preview_project",
        ),
    ]


@permission_required("projects.view_project", raise_exception=True)
def preview_project(request, pk):
    """The public project page of a draft, rendered by the public view itself."""
    project = get_object_or_404(Project, pk=pk)
    return render_as_published(request, project, project_detail, slug=project.slug)
