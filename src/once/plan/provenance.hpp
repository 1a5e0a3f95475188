// provenance.hpp — which sentences of a document may take part in matching, and which of them
// may be the kept copy of later text (issue 11, item 5).
//
// Why: a passage first seen inside chrome (a related list's teaser of another page's article)
// must never make article text a later copy: the article keeps its own words, and a later teaser
// of them is the copy. So text inside chrome is matched (it can be removed as a copy) but never
// indexed as a source.
//
// Contract: `match` and `source` are parallel to analysis.layout.sentences; a sentence with any
// byte on a boilerplate or marker line is not matched; a sentence on a text line inside chrome, or
// on an entry of the page's table of contents (rule `contents`), is matched but is no source.
//
//   const once::Matchable m = once::matchable_sentences(analysis, verdicts);
//   matcher.match_document(doc, analysis, m);
#pragma once

#include <vector>

#include "once/judge/boilerplate.hpp"
#include "once/match/matcher.hpp"
#include "once/sign/doc_analysis.hpp"

namespace once {

// Which sentences may take part in matching: those lying only on lines judged article text;
// and which of them may be a source: not those inside chrome — a text line between two lines
// judged chrome (a teaser between two related-list entries), or a line cut off with an
// ellipsis right under one (the teaser of a list's last entry); nor a table of contents' entry,
// whose section heading further down is the article's own.
Matchable matchable_sentences(const DocAnalysis& analysis, const std::vector<LineVerdictDetail>& verdicts);

}  // namespace once
