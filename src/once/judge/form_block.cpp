// form_block.cpp — forms printed as text: a comment form, a newsletter or login box
// (docs/boilerplate.md, step 3, "Forms"; rule `form-block`).
//
// A text dump of a page prints a form's controls as marks: lynx writes a text field as a run of
// underscores after or before its label (`name * ______`, `e-mail ______`), a check box as
// `[ ]` / `[x]`, a radio button as `( )` / `(*)`, a button as `(button) send`. The words around
// them are short lines and lexicon phrases (`leave a reply`, `kommentar abschicken`, `コメントを残す`),
// and a heading word between two paragraphs was rescued as an in-article heading, the form's
// labels kept as short lines between it and the next text — and with no chrome after the
// article's last paragraph, the page's foot (the author's box, the sidebar) stayed too. Controls
// are evidence of form, whatever the language: a block with at least k_form_controls of them,
// close together, one of them to fill in, with the lines that lead into it (its heading, a
// "required fields" note) and the button under it, is chrome. Where it stands above a comment
// thread too heavy to be the page's foot, mark_article_end looks for the foot below the thread.
//
// Usage: classify_lines runs mark_form_blocks(lines) after the ad slots and before the rescue
// of lone heading words (rescue_soft_cues), so a form's heading is chrome with the form.
#include <algorithm>
#include <cstddef>
#include <string_view>
#include <vector>

#include "once/judge/shape_passes.hpp"
#include "once/judge/shape_scores.hpp"

namespace once {

using namespace shape_scores;

namespace {

// A text field: a run of underscores (lynx prints one per character of the field's width).
bool has_field(std::string_view t) { return t.find(k_form_field_mark) != std::string_view::npos; }

// Nothing but underscores and spaces: a text area's rows, or a drawn rule (an <hr>), which an
// article may hold — so it is no control by itself, only passed over inside a form.
bool bare_rule(std::string_view t) { return !t.empty() && t.find_first_not_of("_ ") == std::string_view::npos; }

// A control with its label: a labelled text field, a check box or radio button, a button. A
// label is short: a longer line with a run of underscores is text that holds one; and it is no
// markup (a page's HTML printed as text, `</div>______`, `<input …`). A line counts once, however
// many fields it holds: counted per field, a login row (`____ ____ submit [ ] stay logged in`)
// made a form of one line, and the lines around it went with it (see docs/boilerplate.md).
bool control(const JudgedLine& l) {
    if (l.cls == LineClass::blank || l.shape.weight > k_max_cue_weight) return false;
    const std::string_view t = l.text;
    if (t.find('<') != std::string_view::npos) return false;
    if (has_field(t) && !bare_rule(t)) return true;
    for (const std::string_view mark : k_form_control_marks)
        if (t.starts_with(mark)) return true;
    return false;
}

// A line that may stand inside a form between its controls, or lead into it: no paragraph of
// the article (a long sentence, the title, a --keep line).
bool form_text(const JudgedLine& l) {
    return !l.title && !l.protect && !l.long_prose && l.shape.weight <= k_max_cue_weight;
}

// A control to fill in: a text field, a check box or a radio button. Buttons alone are no form:
// `(button) info` / a photo's caption / `(button) close` is a picture's pop-up inside the article.
bool fillable(const JudgedLine& l) { return control(l) && !l.text.starts_with(k_form_button_mark); }

}  // namespace

void mark_form_blocks(std::vector<JudgedLine>& lines) {
    const std::size_t n = lines.size();
    std::size_t i = 0;
    while (i < n) {
        if (!control(lines[i])) { ++i; continue; }
        // The controls from here on, each within k_form_gap_lines non-blank lines of the next,
        // with only form text between them (text-area rows passed over).
        std::size_t first = i, last = i;
        int controls = 1, gap = 0;
        bool filled = fillable(lines[i]);
        for (std::size_t k = i + 1; k < n; ++k) {
            const JudgedLine& l = lines[k];
            if (l.cls == LineClass::blank || bare_rule(l.text)) continue;
            if (control(l)) {
                ++controls;
                filled = filled || fillable(l);
                last = k;
                gap = 0;
                continue;
            }
            if (!form_text(l) || ++gap > k_form_gap_lines) break;
        }
        i = last + 1;
        if (controls < k_form_controls || !filled) continue;
        // Up: the lines that lead into the form, up to its heading — the topmost lexicon phrase
        // among the k_form_lead_lines form-text lines above it. Without a phrase there the lines
        // above may be the article's closing lines, and stay.
        std::size_t top = first;
        int seen = 0;
        for (std::size_t k = first; k-- > 0 && seen < k_form_lead_lines;) {
            const JudgedLine& l = lines[k];
            if (l.cls == LineClass::blank || bare_rule(l.text)) continue;
            if (!form_text(l) || l.anchor || l.data) break;
            ++seen;
            if (l.shape.cue == Cue::heading || l.shape.cue == Cue::button) top = k;
        }
        // Down: its buttons — lexicon phrases or a short line of a few words ("kommentar
        // abschicken", "anmelden"), k_form_tail_lines at most; a bullet or a figure is a list's
        // item or a fact (a recipe's "* für 12 stück" under its print button).
        std::size_t bottom = last;
        seen = 0;
        for (std::size_t k = last + 1; k < n && seen < k_form_tail_lines; ++k) {
            const JudgedLine& l = lines[k];
            if (l.cls == LineClass::blank || bare_rule(l.text)) continue;
            ++seen;
            const bool button = l.shape.cue == Cue::heading || l.shape.cue == Cue::button ||
                                (l.cls == LineClass::short_line && l.shape.weight <= k_menu_item_weight && !l.anchor &&
                                 !l.shape.bullet && !l.shape.digits);
            if (!button || l.title || l.protect) break;
            bottom = k;
        }
        for (std::size_t k = top; k <= bottom; ++k) {
            JudgedLine& l = lines[k];
            if (l.cls == LineClass::blank || l.title || l.protect) continue;
            l.cls = LineClass::bad;
            l.anchor = false;
            l.data = false;
            l.resolved = true;
            judge(l, k_score_form_block, ShapeRule::form_block);
        }
        i = bottom + 1;
    }
}

}  // namespace once
