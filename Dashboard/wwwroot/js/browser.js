// The app's only hand-written JS interop (see Components/Shared/BrowserInterop.cs).
export function timeZone() {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

export function scrollIntoView(id) {
    document.getElementById(id)?.scrollIntoView({ block: "nearest", behavior: "smooth" });
}

export function print() {
    window.print();
}

// Text larger than one SignalR message (the hub takes 128 KB) goes to the server as a stream that
// it reads in chunks, up to a size it chooses; the server checks the length before reading. A value
// returned to a .NET call that asks for IJSStreamReference is wrapped by Blazor itself, so returns
// hand over the bytes and only arguments of invokeMethodAsync are wrapped here.
const utf8 = text => new TextEncoder().encode(text);
const asStream = text => DotNet.createJSStreamReference(utf8(text));

// The value of a textarea (the chat-log paste), as bytes for a stream.
export function readValue(element) {
    return utf8(element.value);
}

// The postmortem editor: a plain textarea, so a 200 KB document types without lag. Its text goes
// to the server only after a pause in typing (for the preview), on Ctrl+S, or when read for a save;
// the first keystroke after a save only says "dirty", without the text. A text over maxLength is
// never sent; the server is told its length. Each pause also keeps the text in localStorage under
// draftKey, before anything is sent: if the circuit is lost, a reload offers the draft back.
export function attachEditor(textarea, dotnet, pauseMs, maxLength, draftKey) {
    let timer = null;
    let dirty = false;
    const keepDraft = () => {
        try { localStorage.setItem(draftKey, JSON.stringify({ text: textarea.value, at: new Date().toISOString() })); }
        catch { /* storage full or private mode: the draft is not kept */ }
    };
    const onInput = () => {
        if (!dirty) { dirty = true; dotnet.invokeMethodAsync("EditorDirty"); }
        clearTimeout(timer);
        timer = setTimeout(() => {
            keepDraft();
            return textarea.value.length > maxLength
                ? dotnet.invokeMethodAsync("EditorTooLong", textarea.value.length)
                : dotnet.invokeMethodAsync("EditorPaused", asStream(textarea.value));
        }, pauseMs);
    };
    const onKeyDown = e => {
        if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "s") {
            e.preventDefault();
            clearTimeout(timer);
            keepDraft();
            dotnet.invokeMethodAsync("EditorSave");
        }
    };
    textarea.addEventListener("input", onInput);
    textarea.addEventListener("keydown", onKeyDown);
    const readDraft = () => {
        try { return JSON.parse(localStorage.getItem(draftKey) ?? "null"); } catch { return null; }
    };
    return {
        // Always the bytes (Blazor cannot wrap null into a stream); the server refuses an over-long one by its length.
        value: () => utf8(textarea.value),
        length: () => textarea.value.length,
        setValue: text => { textarea.value = text; dirty = false; },
        markClean: () => { dirty = false; },
        // The kept draft: its time (ISO, null when there is none) and its text as bytes for a stream.
        draftTime: () => readDraft()?.at ?? null,
        draftText: () => { const d = readDraft(); return utf8(typeof d?.text === "string" ? d.text : ""); },
        clearDraft: () => { try { localStorage.removeItem(draftKey); } catch { /* nothing kept */ } },
        goToLine: line => {
            const lines = textarea.value.split("\n");
            const start = lines.slice(0, Math.max(0, line - 1)).reduce((n, l) => n + l.length + 1, 0);
            textarea.focus();
            textarea.setSelectionRange(start, start + (lines[line - 1]?.length ?? 0));
            const lineHeight = parseFloat(getComputedStyle(textarea).lineHeight) || 20;
            textarea.scrollTop = Math.max(0, (line - 3) * lineHeight);
        },
        detach: () => {
            clearTimeout(timer);
            textarea.removeEventListener("input", onInput);
            textarea.removeEventListener("keydown", onKeyDown);
        },
    };
}

// Rings one point of a Plotly chart with a layout shape sized in pixels. Only the "shapes" key
// changes, so Plotly redraws its shapes and leaves thousands of markers alone (adding a trace
// would redraw them all). x = null removes the ring.
export function ringPoint(chartId, x, y) {
    const chart = document.getElementById(chartId);
    if (!chart || !window.Plotly || !chart.layout) return;
    const shapes = (chart.layout.shapes || []).filter(s => s.name !== "selection");
    if (x !== null) {
        shapes.push({
            name: "selection", type: "circle", xref: "x", yref: "y", layer: "above",
            xsizemode: "pixel", ysizemode: "pixel", xanchor: x, yanchor: y, x0: -12, x1: 12, y0: -12, y1: 12,
            line: { color: "#000000", width: 2 },
        });
    }
    return window.Plotly.relayout(chart, { shapes });
}

// Keyboard shortcuts for the whole app. Ctrl+K (⌘K) and "?" go to .NET, which opens their dialogs.
// Keys that act on one page are declared in its markup: data-shortcut="n" clicks that element,
// data-shortcut="/" focuses it (or the first field inside it). Single keys are ignored while typing
// in a field or while a dialog is open.
export function attachShortcuts(dotnet) {
    const typing = t => t instanceof HTMLElement && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
    const dialogOpen = () => document.querySelector(".mud-dialog-container") !== null;
    const onKeyDown = e => {
        if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === "k") {
            e.preventDefault();
            dotnet.invokeMethodAsync("Shortcut", "quick-find");
            return;
        }
        if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || typing(e.target) || dialogOpen()) return;
        if (e.key === "?") {
            e.preventDefault();
            dotnet.invokeMethodAsync("Shortcut", "help");
            return;
        }
        const target = [...document.querySelectorAll("[data-shortcut]")].find(el => el.dataset.shortcut === e.key && !el.disabled);
        if (!target) return;
        e.preventDefault();
        if (e.key === "/") {
            const field = target.matches("input, textarea, [tabindex]:not([tabindex='-1'])")
                ? target : target.querySelector("input:not([type=hidden]), textarea, [tabindex]:not([tabindex='-1'])");
            (field ?? target).focus();
        } else {
            target.click();
        }
    };

    // Dialogs give focus back to where it was when they opened (WCAG 2.4.3): MudBlazor traps focus
    // inside a dialog but, once it closes, leaves it on the page body.
    let outside = document.activeElement;
    let open = dialogOpen();
    const onFocusIn = e => { if (!e.target.closest?.(".mud-dialog-container, .mud-popover")) outside = e.target; };
    const observer = new MutationObserver(() => {
        const nowOpen = dialogOpen();
        if (open && !nowOpen) {
            const lost = !document.activeElement || document.activeElement === document.body;
            if (lost && outside?.isConnected) outside.focus();
        }
        open = nowOpen;
    });
    document.addEventListener("keydown", onKeyDown);
    document.addEventListener("focusin", onFocusIn);
    observer.observe(document.body, { childList: true, subtree: true });
    // Tests (and anyone curious) can tell the keys are live.
    document.documentElement.dataset.shortcuts = "on";
    return {
        detach: () => {
            delete document.documentElement.dataset.shortcuts;
            document.removeEventListener("keydown", onKeyDown);
            document.removeEventListener("focusin", onFocusIn);
            observer.disconnect();
        },
    };
}
