"""Layout previews: PNG pages with overlays, the contact sheet, watch mode and the local web preview.

Modules:
  build    issue file → ``Preview`` (frames, report, watched files) → PNG files
  overlay  grid, baseline, blocks, photos, overset, underset (the report's fit), missing-glyph and loose-line layers
  sheet    the issue overview (contact sheet)
  watch    re-render once per change of the YAML or an image (mtime polling)
  serve    the local web page (http.server), reloading after each re-render

The pages themselves are drawn by ``layout.render.png`` from the same frames as the PDF.
"""
