#include "once/output/message.hpp"

#include "once/core/hex.hpp"
#include "once/text/utf8.hpp"

namespace once {

std::string one_line(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t pos = 0; pos < text.size();) {
        const auto byte = static_cast<unsigned char>(text[pos]);
        if (byte == '\n') out += "\\n";
        else if (byte == '\t') out += "\\t";
        else if (byte == '\r') out += "\\r";
        else if (byte < 0x20 || byte == 0x7f) out += "\\x" + hex_bytes(text.substr(pos, 1));
        else if (byte < 0x80) out += static_cast<char>(byte);
        else {
            const std::size_t length = utf8_sequence_length(byte);
            if (length > 1 && pos + length <= text.size() && !find_invalid_utf8(text.substr(pos, length))) {
                out.append(text.substr(pos, length));
                pos += length;
                continue;
            }
            out += "\\x" + hex_bytes(text.substr(pos, 1));
        }
        ++pos;
    }
    return out;
}

}  // namespace once
