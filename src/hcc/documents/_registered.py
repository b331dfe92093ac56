"""The templates of the kinds added by [`hcc.documents.register_document_kind`][hcc.documents.register_document_kind].

Kept apart from [`hcc.documents.registry`][hcc.documents.registry] so that the state has one home, whichever way the
modules are imported.
"""

from typing import Any

import jinja2

TEMPLATE_LOADERS: dict[str, jinja2.BaseLoader] = {}
"""The template loader of every registered kind (consulted after the package's templates)."""


class RegisteredTemplates(jinja2.BaseLoader):
    """The templates of the registered kinds, looked up at render time (no cache to reset)."""

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Any]:
        for loader in list(TEMPLATE_LOADERS.values()):
            try:
                return loader.get_source(environment, template)
            except jinja2.TemplateNotFound:
                continue
        raise jinja2.TemplateNotFound(template)
