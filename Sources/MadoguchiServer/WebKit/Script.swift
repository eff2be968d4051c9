enum Script {
    /// Progressive enhancement only: hides fields whose condition (「…の場合に入力」) is not met as the
    /// resident answers. Every page works without it; the server ignores hidden fields either way.
    static let js = """
        (function () {
          "use strict";
          function currentValues(name) {
            var inputs = document.getElementsByName(name), values = [], i, input;
            for (i = 0; i < inputs.length; i++) {
              input = inputs[i];
              if (input.type === "radio" || input.type === "checkbox") {
                if (input.checked) { values.push(input.value); }
                else if (input.type === "checkbox" && inputs.length === 1) { values.push("false"); }
              } else if (input.type !== "hidden") {
                values.push(input.value);
              }
            }
            return values;
          }
          function update() {
            var blocks = document.querySelectorAll("[data-when-field]"), i, block, wanted, values;
            for (i = 0; i < blocks.length; i++) {
              block = blocks[i];
              wanted = block.getAttribute("data-when-values").split(" ");
              values = currentValues(block.getAttribute("data-when-field"));
              block.hidden = !values.some(function (v) { return wanted.indexOf(v) >= 0; });
            }
          }
          document.addEventListener("change", update);
          // 転記: copy buttons, shown only where a script can copy.
          document.addEventListener("click", function (event) {
            var button = event.target.closest ? event.target.closest("button[data-copy]") : null, input;
            if (!button) { return; }
            input = document.getElementById(button.getAttribute("data-copy"));
            if (input && navigator.clipboard) { navigator.clipboard.writeText(input.value); }
            else if (input) { input.select(); document.execCommand("copy"); }
          });
          document.addEventListener("DOMContentLoaded", function () {
            update();
            var copies = document.querySelectorAll("button[data-copy]"), c;
            for (c = 0; c < copies.length; c++) { copies[c].hidden = false; }
            var summary = document.querySelector(".error-summary");
            if (summary) { summary.focus(); }
          });
        })();
        """
}
