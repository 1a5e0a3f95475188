// document.hpp — one input text and where it came from.
//
// `text` holds the original bytes exactly as read (BOM and CRLF included): every offset the
// library reports is into these bytes. `group` names the site the document belongs to for
// boilerplate recurrence (the input's folder by default, or a JSON Lines field).
#pragma once

#include <cstdint>
#include <string>

namespace once {

struct Document {
    std::string id;     // path as given on the command line, or the JSON Lines record id
    std::string group;  // site / folder used to count boilerplate recurrence
    std::string text;   // original bytes, validated UTF-8
};

}  // namespace once
