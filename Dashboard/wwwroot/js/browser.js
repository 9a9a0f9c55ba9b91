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
