// The desk's tag pickers (forms.TagPicker): a filter over a long list of checkboxes, and the
// chosen boxes shown as chips that untick them. A file of its own, so no inline script is needed.
(function () {
    "use strict";

    function fold(text) {
        return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
    }

    function setUp(picker) {
        const search = picker.querySelector(".tag-picker__search");
        const filter = picker.querySelector(".tag-picker__filter");
        const options = Array.from(picker.querySelectorAll(".tag-picker__option"));
        const chips = picker.querySelector(".tag-picker__chips");
        const none = picker.querySelector(".tag-picker__none");
        const noMatch = picker.querySelector(".tag-picker__no-match");

        function box(value) {
            return options
                .map((option) => option.querySelector("input"))
                .find((input) => input.value === value);
        }

        function showChips() {
            const chosen = options.filter((option) => option.querySelector("input").checked);
            chips.replaceChildren(
                ...chosen.map((option) => {
                    const label = option.querySelector("span").textContent;
                    const item = document.createElement("li");
                    const chip = document.createElement("button");
                    chip.type = "button";
                    chip.className = "tag-chip";
                    chip.dataset.value = option.querySelector("input").value;
                    chip.setAttribute("aria-label", "Remove " + label);
                    chip.append(label + " ");
                    const cross = document.createElement("span");
                    cross.setAttribute("aria-hidden", "true");
                    cross.textContent = "×";
                    chip.append(cross);
                    item.append(chip);
                    return item;
                }),
            );
            none.hidden = chosen.length > 0;
        }

        function applyFilter() {
            const wanted = fold(filter.value.trim());
            let shown = 0;
            for (const option of options) {
                const match = !wanted || option.dataset.search.includes(wanted);
                option.hidden = !match;
                shown += match ? 1 : 0;
            }
            noMatch.hidden = shown > 0;
        }

        search.hidden = false;
        filter.addEventListener("input", applyFilter);
        filter.addEventListener("keydown", (event) => {
            // Enter in the filter ticks the only match instead of sending the form.
            if (event.key !== "Enter") return;
            event.preventDefault();
            const visible = options.filter((option) => !option.hidden);
            if (visible.length === 1) {
                visible[0].querySelector("input").checked = true;
                showChips();
            }
        });
        picker.addEventListener("change", (event) => {
            if (event.target.matches("input[type=checkbox]")) showChips();
        });
        chips.addEventListener("click", (event) => {
            const chip = event.target.closest(".tag-chip");
            if (!chip) return;
            const next = chip.parentElement.nextElementSibling || chip.parentElement.previousElementSibling;
            box(chip.dataset.value).checked = false;
            const nextValue = next && next.querySelector(".tag-chip").dataset.value;
            showChips();
            const focusChip = nextValue && chips.querySelector(`[data-value="${CSS.escape(nextValue)}"]`);
            (focusChip || filter).focus();
        });
        showChips();
    }

    function setUpAll() {
        document.querySelectorAll("[data-tag-picker]").forEach(setUp);
    }

    // The admin loads page scripts in the head, before the form exists.
    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", setUpAll);
    } else {
        setUpAll();
    }
})();
