// The group import (/admin/import): a too-large file is refused before it is sent, and while the server reads or imports
// the file the form shows a progress bar with the time passed. Without this script the forms work the same, only silently.
(function () {
    "use strict";

    function seconds(start) {
        return Math.round((Date.now() - start) / 1000);
    }

    document.querySelectorAll("form[data-import-form]").forEach(function (form) {
        form.addEventListener("submit", function (event) {
            var file = form.querySelector("input[type=file][data-max-bytes]");
            var error = form.querySelector("[data-valmsg-for=upload]");
            if (file && file.files.length > 0 && file.files[0].size > Number(file.getAttribute("data-max-bytes"))) {
                event.preventDefault();
                var megabytes = (file.files[0].size / 1048576).toFixed(1).replace(".", ",");
                error.textContent = "Filen fylder " + megabytes + " MB; højst 1,0 MB ad gangen. Del den op i flere filer.";
                file.classList.add("input-validation-error");
                file.focus();
                return;
            }

            var progress = form.querySelector("[data-progress]");
            var status = progress && progress.querySelector("[role=status]");
            var text = form.getAttribute("data-busy-text") || "Arbejder …";
            form.querySelectorAll("button[type=submit]").forEach(function (button) {
                button.disabled = true;
            });
            if (!progress || !status) {
                return;
            }

            var start = Date.now();
            progress.hidden = false;
            form.setAttribute("aria-busy", "true");
            status.textContent = text;
            window.setInterval(function () {
                status.textContent = text + " (" + seconds(start) + " s)";
            }, 1000);
        });
    });

    // Back from the browser's cache (bfcache), the page must not stay busy.
    window.addEventListener("pageshow", function (event) {
        if (!event.persisted) {
            return;
        }

        document.querySelectorAll("form[data-import-form]").forEach(function (form) {
            form.removeAttribute("aria-busy");
            form.querySelectorAll("button[type=submit]").forEach(function (button) {
                button.disabled = false;
            });
            form.querySelectorAll("[data-progress]").forEach(function (progress) {
                progress.hidden = true;
            });
        });
    });
}());
