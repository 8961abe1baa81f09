"""`make serve` previews with Material's search (Pagefind indexes full builds only)."""

from mkdocs.config import load_config

from generator import pipeline
from generator.output.serve import serve_config


def test_serve_config_keeps_the_site_settings_and_adds_material_search(mini_project):
    project = pipeline.Project(mini_project)
    project.docs.mkdir(parents=True)
    config = load_config(str(serve_config(project)))
    assert "material/search" in config.plugins
    assert config.docs_dir == str(project.docs.resolve())
    assert config.theme.dirs[0].endswith("generator/theme") and config["site_name"] == "Good Practice Transfer Portal"
    assert "material/search" not in load_config(str(project.mkdocs_yml)).plugins  # the published site: Pagefind
