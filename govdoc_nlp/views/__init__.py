"""Pages for the browser: a document's annotations (``document``) and the shared markup of marked text."""
