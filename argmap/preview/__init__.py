"""The map in a browser: the viewer page, the live preview server and the HTML export.

- `data.py`   the page's data from the model (pure): nodes, relations, quotes and their paragraphs;
- `build.py`  a loaded map → its SVG and page data, or its problems (shared by preview and export);
- `page.py`   the one HTML document, with the viewer's script and style inline (`assets/`);
- `live.py`   the state a preview follows and the clients following it;
- `server.py` the local HTTP server (127.0.0.1 only) that serves the page and its updates;
- `watch.py`  following the map file and its article on disk.
"""
