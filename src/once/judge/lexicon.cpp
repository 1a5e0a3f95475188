// lexicon.cpp — reading the word lists (lexicon.hpp; format in docs/boilerplate.md).
#include "once/judge/lexicon.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>
#include <utility>
#include <vector>

#include "lexicon_data.hpp"
#include "once/core/error.hpp"

namespace once {

namespace {

std::string canonical_entry(std::string_view raw) {
    std::string out;
    bool space = false;
    for (char c : raw) {
        if (c == ' ' || c == '\t') { space = !out.empty(); continue; }
        if (space) out += ' ';
        space = false;
        out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return out;
}

void parse_word_list(Lexicon& lexicon, std::string_view text, const std::string& source) {
    std::unordered_set<std::string>* section = nullptr;
    std::size_t offset = 0;
    while (offset < text.size()) {
        std::size_t end = text.find('\n', offset);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(offset, end - offset);
        const std::size_t line_offset = offset;
        offset = end + 1;
        if (line.starts_with("\xEF\xBB\xBF")) line.remove_prefix(3);
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
        while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
        if (line.empty() || line.front() == '#') continue;
        if (line.front() == '[' && line.back() == ']') {
            const std::string_view name = line.substr(1, line.size() - 2);
            if (name == "button") section = &lexicon.button_words;
            else if (name == "heading") section = &lexicon.heading_words;
            else if (name == "stop") section = &lexicon.stop_words;
            else throw Error(ExitCode::usage, "unknown word list section [" + std::string(name) +
                             "] (expected [button], [heading] or [stop])", source, line_offset);
            continue;
        }
        if (section == nullptr)
            throw Error(ExitCode::usage, "word list entry before any [section]", source, line_offset);
        section->insert(canonical_entry(line));
    }
}

}  // namespace

Lexicon Lexicon::load(const std::string& dir) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        throw Error(ExitCode::usage, "word list folder not found or not a folder", dir);
    std::vector<fs::path> files;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->path().extension() == ".txt" && it->is_regular_file(ec)) files.push_back(it->path());
    }
    if (ec) throw Error(ExitCode::usage, "cannot read word list folder: " + ec.message(), dir);
    if (files.empty()) throw Error(ExitCode::usage, "no *.txt word lists in folder", dir);
    std::sort(files.begin(), files.end());
    Lexicon lexicon;
    for (const fs::path& path : files) {
        std::ifstream in(path, std::ios::binary);
        std::ostringstream text;
        if (!in || !(text << in.rdbuf()))
            throw Error(ExitCode::usage, "cannot read word list", path.string());
        parse_word_list(lexicon, text.str(), path.string());
    }
    lexicon.index_phrases();
    return lexicon;
}

void Lexicon::index_phrases() {
    std::vector<std::pair<std::string, std::uint8_t>> entries;
    entries.reserve(button_words.size() + heading_words.size() + stop_words.size());
    for (const std::string& word : button_words) entries.emplace_back(word, k_button);
    for (const std::string& word : heading_words) entries.emplace_back(word, k_heading);
    for (const std::string& word : stop_words) entries.emplace_back(word, k_stop);
    phrases = PhraseTrie(entries);
}

const Lexicon& Lexicon::builtin() {
    static const Lexicon lexicon = [] {
        Lexicon built;
        for (std::string_view text : k_lexicon_files) parse_word_list(built, text, "<built-in word list>");
        built.index_phrases();
        return built;
    }();
    return lexicon;
}

}  // namespace once
