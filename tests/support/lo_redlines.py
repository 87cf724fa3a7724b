#!/usr/bin/python3
"""LibreOffice as the judge of a tracked-changes DOCX (used by tests/review.rs).

    lo_redlines.py IN.docx OUT_DIR

Opens IN.docx in a private, headless LibreOffice (its own user profile, so that it never meets
another running instance) through the UNO API and writes into OUT_DIR:

- redlines.txt  one line per tracked change as LibreOffice read it: type, author, date;
- shown.txt     the text with the changes still tracked (what a reader sees, deletions included);
- accepted.txt  the text after "Accept All" (`.uno:AcceptAllTrackedChanges`);
- rejected.txt  the text after "Reject All" (`.uno:RejectAllTrackedChanges`);
- shown.pdf     the document exported to PDF by LibreOffice, changes shown.

A text file holds one line per paragraph of the body (table cells included, in order), then one
line per footnote prefixed with "footnote: ".
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def connect(profile, pipe):
    office = subprocess.Popen(
        [
            "soffice",
            "--headless",
            "--invisible",
            "--nologo",
            "--norestore",
            "--nodefault",
            f"-env:UserInstallation=file://{profile}",
            f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.time() + 90
    while True:
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            return office, ctx
        except Exception:
            if time.time() > deadline or office.poll() is not None:
                office.kill()
                raise SystemExit("could not start LibreOffice")
            time.sleep(0.5)


def paragraphs(text, out):
    """The strings of the paragraphs of `text` in order, descending into tables."""
    e = text.createEnumeration()
    while e.hasMoreElements():
        el = e.nextElement()
        if el.supportsService("com.sun.star.text.TextTable"):
            for name in el.getCellNames():
                paragraphs(el.getCellByName(name).getText(), out)
        else:
            out.append(el.getString())


def dump(doc):
    lines = []
    paragraphs(doc.getText(), lines)
    notes = doc.getFootnotes()
    for i in range(notes.getCount()):
        lines.append("footnote: " + notes.getByIndex(i).getString())
    return "\n".join(lines) + "\n"


def load(desktop, path):
    url = uno.systemPathToFileUrl(os.path.abspath(path))
    return desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))


def dispatch(ctx, doc, command):
    helper = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
    frame = doc.getCurrentController().getFrame()
    helper.executeDispatch(frame, command, "", 0, ())


def main():
    src, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    profile = tempfile.mkdtemp(prefix="lo-profile-")
    pipe = f"rapporteur-{os.getpid()}"
    office, ctx = connect(profile, pipe)
    try:
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)

        doc = load(desktop, src)
        lines = []
        e = doc.getRedlines().createEnumeration()
        while e.hasMoreElements():
            r = e.nextElement()
            d = r.getPropertyValue("RedlineDateTime")
            lines.append(
                "%s\t%s\t%04d-%02d-%02d"
                % (r.getPropertyValue("RedlineType"), r.getPropertyValue("RedlineAuthor"), d.Year, d.Month, d.Day)
            )
        with open(os.path.join(out, "redlines.txt"), "w") as f:
            f.write("\n".join(lines) + ("\n" if lines else ""))
        with open(os.path.join(out, "shown.txt"), "w") as f:
            f.write(dump(doc))
        pdf = uno.systemPathToFileUrl(os.path.abspath(os.path.join(out, "shown.pdf")))
        doc.storeToURL(pdf, (prop("FilterName", "writer_pdf_Export"),))
        doc.close(True)

        for name, command in (("accepted", ".uno:AcceptAllTrackedChanges"), ("rejected", ".uno:RejectAllTrackedChanges")):
            doc = load(desktop, src)
            dispatch(ctx, doc, command)
            with open(os.path.join(out, name + ".txt"), "w") as f:
                f.write(dump(doc))
            doc.close(True)
        try:
            desktop.terminate()
        except Exception:
            pass  # the bridge goes away with the office
        office.wait(timeout=60)
    finally:
        if office.poll() is None:
            office.kill()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    main()
