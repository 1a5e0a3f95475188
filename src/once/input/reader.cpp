#include "once/input/reader.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <set>

#include <simdjson.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "once/core/error.hpp"
#include "once/core/temp_dir.hpp"
#include "once/input/stream_io.hpp"
#include "once/input/temp_files.hpp"
#include "once/text/pattern.hpp"
#include "once/text/utf8.hpp"

namespace once {
namespace fs = std::filesystem;

namespace {

bool is_stray_control(unsigned char byte) {
    return (byte < 0x20 && byte != '\t' && byte != '\n' && byte != 0x0B && byte != 0x0C && byte != '\r') ||
           byte == 0x7F;
}

// Whether any of the eight bytes of `word` is below 0x20 or is DEL: the "has a byte less than n"
// and "has a zero byte" tricks (Hacker's Delight, 6-1), so text without controls is scanned eight
// bytes a step. Tabs and line ends pass this test too; stray_control_bits then sorts them out.
bool may_hold_control(std::uint64_t word) {
    constexpr std::uint64_t k_ones = 0x0101010101010101ULL, k_highs = 0x8080808080808080ULL;
    const std::uint64_t below_space = (word - k_ones * 0x20) & ~word & k_highs;
    const std::uint64_t del = word ^ (k_ones * 0x7F);
    const std::uint64_t is_del = (del - k_ones) & ~del & k_highs;
    return (below_space | is_del) != 0;
}

// The stray controls among the eight bytes of `word`: the high bit (0x80) of each such byte, and
// no other. Each byte is compared on its own — its low seven bits plus a constant below 0x80 never
// carry into the next byte (Hacker's Delight, 6-1, the exact form) — so a word that holds a tab or
// a line end needs no byte loop (such words went byte by byte: stray_controls was 1.2% of the
// instructions of `once clean` on ldcc's first 1,000 records). Twice the work of may_hold_control,
// so only the words that test asks about come here.
std::uint64_t stray_control_bits(std::uint64_t word) {
    constexpr std::uint64_t k_ones = 0x0101010101010101ULL;
    constexpr std::uint64_t k_highs = 0x8080808080808080ULL;
    constexpr std::uint64_t k_lows = 0x7F7F7F7F7F7F7F7FULL;
    // The high bit of each byte that is >= n (1 <= n <= 0x80); a byte >= 0x80 is, by its own bit.
    const auto at_least = [word](std::uint64_t n) { return (((word & k_lows) + k_ones * (0x80 - n)) | word) & k_highs; };
    const std::uint64_t below_space = ~at_least(0x20) & k_highs;
    const std::uint64_t white = at_least('\t') & ~at_least('\r' + 1);  // \t \n \v \f \r: text, not controls
    const std::uint64_t del = word ^ (k_ones * 0x7F);                     // a zero byte where DEL was
    const std::uint64_t is_del = ~(((del & k_lows) + k_lows) | del) & k_highs;
    return (below_space & ~white) | is_del;
}

}  // namespace

StrayControls stray_controls(std::string_view text) {
    StrayControls found;
    std::size_t i = 0;
    if constexpr (std::endian::native == std::endian::little) {  // byte k of a word is bits 8k..8k+7
        const auto count_word = [&](std::size_t at) {
            std::uint64_t word;
            std::memcpy(&word, text.data() + at, 8);
            if (!may_hold_control(word)) return;
            const std::uint64_t bits = stray_control_bits(word);
            if (bits == 0) return;
            if (found.count == 0) found.first = at + static_cast<std::size_t>(std::countr_zero(bits)) / 8;
            found.count += static_cast<std::uint64_t>(std::popcount(bits));
        };
#if defined(__SSE2__)
        // Sixteen bytes a step past text with no byte below 0x20 and no DEL (most of a document:
        // a line end every few hundred bytes); a block with one goes to the words below. The
        // eight-byte words alone were 2.4 instructions a byte, run twice per document (pass 1
        // and pass 2 read it): 1.2% of `once clean` on ldcc.
        const __m128i below_space = _mm_set1_epi8(0x1F);
        const __m128i del = _mm_set1_epi8(0x7F);
        for (; i + 16 <= text.size(); i += 16) {
            const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
            const __m128i low = _mm_cmpeq_epi8(_mm_max_epu8(bytes, below_space), below_space);  // byte <= 0x1F
            if (_mm_movemask_epi8(_mm_or_si128(low, _mm_cmpeq_epi8(bytes, del))) == 0) continue;
            count_word(i);
            count_word(i + 8);
        }
#endif
        for (; i + 8 <= text.size(); i += 8) count_word(i);
    }
    for (; i < text.size(); ++i) {
        if (!is_stray_control(static_cast<unsigned char>(text[i]))) continue;
        if (found.count++ == 0) found.first = i;
    }
    return found;
}

namespace {

// check_binary's (or check_text's) answer, and the stray controls it counted in the text's head:
// the first scan notes the controls of the whole text, and counts only the rest again.
struct Sniffed {
    std::optional<TextProblem> problem;
    StrayControls head;
};

Sniffed sniff_binary(std::string_view text) {
    const std::string_view head = text.substr(0, k_binary_sniff_bytes);
    // FF FE / FE FF never start UTF-8: a byte order mark of UTF-16 (or UTF-32), which would
    // otherwise be called binary for the NUL of its first ASCII character.
    if (head.starts_with("\xFF\xFE") || head.starts_with("\xFE\xFF"))
        return {TextProblem{"UTF-16 or UTF-32 byte order mark (not UTF-8; convert the file with iconv)", 0}, {}};
    if (const void* nul = std::memchr(head.data(), '\0', head.size()))
        return {TextProblem{"binary data (NUL byte)", static_cast<std::uint64_t>(static_cast<const char*>(nul) - text.data())},
                {}};
    const StrayControls controls = stray_controls(head);
    if (controls.count * 3 > head.size())
        return {TextProblem{"binary data (" + std::to_string(controls.count) + " of the first " +
                                std::to_string(head.size()) + " bytes are control bytes)",
                            std::nullopt},
                controls};
    return {std::nullopt, controls};
}

Sniffed sniff_text(std::string_view text) {
    Sniffed sniffed = sniff_binary(text);
    if (sniffed.problem) return sniffed;
    // simdjson's SIMD validator answers for valid text (nearly every file) at a fraction of the
    // cost of find_invalid_utf8 (3% of `once scan` of 1,000 generated files), which then runs only
    // to find where the text goes wrong. Both follow the standard (no overlongs, surrogates, or
    // code points above U+10FFFF); tests/input/reader_test.cpp checks they agree.
    if (simdjson::validate_utf8(text.data(), text.size())) return sniffed;
    if (const auto bad = find_invalid_utf8(text)) sniffed.problem = TextProblem{"invalid UTF-8", *bad};
    return sniffed;
}

}  // namespace

std::optional<TextProblem> check_binary(std::string_view text) { return sniff_binary(text).problem; }

std::optional<TextProblem> check_text(std::string_view text) { return sniff_text(text).problem; }

// The spool files of a Corpus's streams: one private folder in --tmp-dir, its files named like
// the stream (so `.jsonl.gz` still decides the format), removed with the Corpus or on a signal.
class SpoolFolder {
public:
    explicit SpoolFolder(std::string in) : in_(std::move(in)) {}
    ~SpoolFolder() {
        for (const auto& [input, spool] : files_) {
            ::unlink(spool.path.c_str());
            unregister_temp_file(spool.slot);
        }
        if (!folder_.empty()) ::rmdir(folder_.c_str());
        unregister_temp_file(folder_slot_);
    }

    // The spool of `file`, copying the stream on first use.
    const std::string& path_for(const InputFile& file) {
        const auto found = files_.find(file.path);
        if (found != files_.end()) return found->second.path;
        if (folder_.empty()) make_folder();
        const std::string name = file.path == "-" ? (file.jsonl ? "stdin.jsonl" : "stdin.txt")
                                                  : fs::path(file.path).filename().string();
        Spool spool;
        spool.path = folder_ + "/" + std::to_string(files_.size()) + "-" + name;
        spool.slot = register_temp_file(spool.path);
        try {
            copy_stream(file.path, spool.path);
        } catch (...) {  // not in files_ yet: removed here, or it would keep the folder from going too
            ::unlink(spool.path.c_str());
            unregister_temp_file(spool.slot);
            throw;
        }
        return files_.emplace(file.path, std::move(spool)).first->second.path;
    }

private:
    struct Spool {
        std::string path;
        int slot = -1;
    };

    void make_folder() {
        folder_ = make_spool_folder(temp_folder_or(in_));  // named for its process: a kill -9 leaves it to the next run
        folder_slot_ = register_temp_file(folder_);  // the signal handler removes files, then folders
    }

    static void copy_stream(const std::string& source, const std::string& target) {
        const int in = source == "-" ? STDIN_FILENO : ::open(source.c_str(), O_RDONLY | O_CLOEXEC);
        if (in < 0) throw Error(ExitCode::input_error, std::string("cannot open: ") + std::strerror(errno), source);
        const int out = ::open(target.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (out < 0) {
            const int error = errno;
            if (in != STDIN_FILENO) ::close(in);
            throw Error(ExitCode::output_error, std::string("cannot create spool file (--tmp-dir): ") + std::strerror(error), target);
        }
        std::vector<char> buffer(1 << 16);
        std::string failure;
        ExitCode failure_code = ExitCode::input_error;
        for (;;) {
            const ssize_t n = ::read(in, buffer.data(), buffer.size());
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) {
                failure = std::string("cannot read: ") + std::strerror(errno);
                break;
            }
            if (n == 0) break;
            for (ssize_t done = 0; done < n;) {
                const ssize_t w = ::write(out, buffer.data() + done, static_cast<std::size_t>(n - done));
                if (w < 0 && errno == EINTR) continue;
                if (w < 0) {
                    failure = std::string("cannot spool (write to ") + target + " failed: " + std::strerror(errno) + ")";
                    failure_code = ExitCode::output_error;  // the temporary folder is full or broken, not the input
                    break;
                }
                done += w;
            }
            if (!failure.empty()) break;
        }
        if (in != STDIN_FILENO) ::close(in);
        ::close(out);
        if (!failure.empty()) throw Error(failure_code, failure, source);
    }

    std::string in_;  // the folder to make it in (InputOptions::temp_folder)
    std::string folder_;
    int folder_slot_ = -1;
    std::map<std::string, Spool> files_;
};

namespace {

bool ignored(const GlobSet& globs, const std::string& path, const std::string& relative) {
    return globs.matches(path) || globs.matches(relative);
}

// Why a folder entry is not read, or nullopt for a regular file (or a symbolic link to one).
// Folders are walked; symbolic links to folders are not followed (they can loop, or lead out of
// the tree the user named).
std::optional<std::string> not_read(const fs::directory_entry& entry) {
    std::error_code error;
    if (entry.is_symlink(error)) {
        const auto target = fs::status(entry.path(), error);
        if (error || !fs::exists(target)) return "dangling symbolic link, not read";
        if (fs::is_directory(target)) return "symbolic link to a folder, not followed";
    }
    const auto status = entry.status(error);
    if (error) return "cannot stat (" + error.message() + "), not read";
    switch (status.type()) {
        case fs::file_type::regular: return std::nullopt;
        case fs::file_type::fifo: return "a FIFO (named pipe), not read";
        case fs::file_type::socket: return "a socket, not read";
        case fs::file_type::block: case fs::file_type::character: return "a device, not read";
        default: return "not a regular file, not read";
    }
}

// Why the folder cannot be listed (opened for reading), or nothing when it can.
std::optional<std::string> cannot_list(const fs::path& folder) {
    const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return std::string(std::strerror(errno));
    ::close(fd);
    return std::nullopt;
}

// Quotes `text` for /bin/sh.
std::string shell_quoted(const std::string& text) {
    std::string out = "'";
    for (const char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

// The paths git ignores among `relative` (paths below `folder`), as git itself decides it
// (.gitignore files, .git/info/exclude, the global excludes file; tracked files are never
// reported), asked with `git -C folder check-ignore -z --stdin`.
std::set<std::string> git_ignored(const std::string& folder, const std::vector<std::string>& relative) {
    char list[] = "/tmp/once-gitignore.XXXXXX";
    const int fd = ::mkstemp(list);
    if (fd < 0) throw Error(ExitCode::usage, "--gitignore: cannot create a temporary file");
    std::string paths;
    for (const auto& path : relative) paths.append(path).push_back('\0');
    const bool written = ::write(fd, paths.data(), paths.size()) == static_cast<ssize_t>(paths.size());
    ::close(fd);
    std::string output;
    int status = -1;
    if (written) {
        const std::string command =
            "git -C " + shell_quoted(folder) + " check-ignore -z --stdin < " + shell_quoted(list) + " 2>/dev/null";
        if (FILE* pipe = ::popen(command.c_str(), "r")) {
            char buffer[4096];
            std::size_t n;
            while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, n);
            status = ::pclose(pipe);
        }
    }
    ::unlink(list);
    // Exit 0: some paths ignored; 1: none; anything else: not in a repository, or no git.
    if (!WIFEXITED(status) || WEXITSTATUS(status) > 1)
        throw Error(ExitCode::usage, "--gitignore needs git and a git repository around the input (git check-ignore failed)",
                    folder);
    std::set<std::string> ignored;
    for (std::size_t start = 0; start < output.size();) {
        const auto end = std::min(output.find('\0', start), output.size());
        ignored.insert(output.substr(start, end - start));
        start = end + 1;
    }
    return ignored;
}

// Leaves out the files git ignores, asking git once per command-line input, in its folder.
std::vector<InputFile> drop_git_ignored(std::vector<InputFile> files) {
    std::map<std::string, std::vector<std::string>> by_input;  // input -> relative paths
    for (const auto& file : files)
        if (!file.stream) by_input[file.input].push_back(file.relative_path);
    std::set<std::pair<std::string, std::string>> ignored;  // (input, relative path)
    for (const auto& [input, relative] : by_input) {
        std::error_code error;
        const bool folder = fs::is_directory(input, error);
        const std::string parent = fs::path(input).parent_path().string();
        for (const auto& path : git_ignored(folder ? input : parent.empty() ? "." : parent, relative))
            ignored.emplace(input, path);
    }
    files.erase(std::remove_if(files.begin(), files.end(),
                               [&](const InputFile& f) { return ignored.count({f.input, f.relative_path}) > 0; }),
                files.end());
    return files;
}

// The same file reached from two PATHs (`a.txt a.txt`, `a.txt ./a.txt`, a folder and a file in
// it, a glob overlapping another) would be two documents, the second removed whole as a copy of
// the first: `check` failed on `a.txt:2: duplicate, copy of a.txt:2`. Refused as a usage error,
// like standard input read twice. Links to one file met in one folder walk stay documents of
// their own (a site mirror's `latest.txt -> page3.txt`). Only asked when there are several
// PATHs: one stat per file.
// `starts`: for each PATH, the index of its first file.
void refuse_file_named_twice(const std::vector<InputFile>& files, const std::vector<std::size_t>& starts) {
    const auto argument = [&](std::size_t file) { return std::upper_bound(starts.begin(), starts.end(), file) - starts.begin(); };
    std::map<std::pair<dev_t, ino_t>, std::size_t> first;  // the file's identity -> its first listing
    for (std::size_t i = 0; i < files.size(); ++i) {
        struct stat info {};
        if (files[i].stream || ::stat(files[i].path.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) continue;
        const auto [it, inserted] = first.emplace(std::pair{info.st_dev, info.st_ino}, i);
        const InputFile& earlier = files[it->second];
        if (inserted || argument(it->second) == argument(i)) continue;
        throw Error(ExitCode::usage,
                    "the same file as " + earlier.path + ", named twice (by PATH " + earlier.input + " and PATH " +
                        files[i].input + "): each would count as a copy of the other; name it once",
                    files[i].path);
    }
}

}  // namespace

Corpus::Corpus(const std::vector<std::string>& paths, InputOptions options) : options_(std::move(options)) {
    const GlobSet ignore(options_.ignore_globs);
    std::vector<std::size_t> starts;  // for each PATH, the index of its first file
    for (const auto& path : paths) {
        starts.push_back(files_.size());
        if (path == "-") {
            files_.push_back({"-", "-", "stdin.txt", options_.stdin_jsonl, true});
            continue;
        }
        std::error_code error;
        const auto status = fs::status(path, error);
        // A path under a folder we may not enter fails with EACCES: say that, not "no such file".
        if (error && error != std::errc::no_such_file_or_directory)
            throw Error(ExitCode::input_error, "cannot open: " + error.message(), path);
        if (error || !fs::exists(status))
            throw Error(ExitCode::input_error, "no such file or folder", path);
        if (fs::is_directory(status)) {
            std::vector<InputFile> found;
            fs::recursive_directory_iterator it(path, fs::directory_options::none, error), end;
            if (error) throw Error(ExitCode::input_error, "cannot list folder: " + error.message(), path);
            for (; it != end; it.increment(error)) {
                if (error) throw Error(ExitCode::input_error, "cannot list folder: " + error.message(), path);
                const std::string name = it->path().filename().string();
                // Hidden files and folders (.git, editors' swap files, .DS_Store) are not documents.
                if (!name.empty() && name[0] == '.') {
                    if (it->is_directory(error)) it.disable_recursion_pending();
                    continue;
                }
                const std::string file = it->path().string();
                std::error_code link_error;
                const bool link = it->is_symlink(link_error);
                // The walk follows no link into a folder, so a file's path is the folder's and the
                // names below it: relative by its names alone, a link's too (its own name, as
                // `cp -rL` copies it). fs::relative resolved a link to where it points: a link to a
                // file beside it was cleaned to that file's name (exit 4, two inputs to one name),
                // one to a file outside the folder above the -o folder (exit 7, staged outside it).
                const auto relative_of = [&] { return it->path().lexically_relative(path).generic_string(); };
                if (it->is_directory(error) && !link) {
                    // A subfolder the iterator cannot open would end the whole walk (it becomes the
                    // end iterator), silently losing every file not yet listed: refuse or skip it
                    // by name before stepping in.
                    if (const auto why = cannot_list(it->path())) {
                        it.disable_recursion_pending();
                        reject(file, "cannot list folder: " + *why, std::nullopt, true);
                    }
                    continue;  // walked into
                }
                if (const auto reason = not_read(*it)) {
                    if (!ignored(ignore, file, relative_of())) walk_notices_.push_back({file, *reason});
                    continue;
                }
                const std::string relative = relative_of();
                if (ignored(ignore, file, relative)) continue;
                found.push_back({file, path, relative, is_jsonl_path(file), false, link});
            }
            // The loop ends on an error too (a folder that became unreadable, a failed readdir).
            if (error) throw Error(ExitCode::input_error, "cannot list folder: " + error.message(), path);
            // Sorted by bytes: the same tree gives the same order on every file system.
            std::sort(found.begin(), found.end(), [](const InputFile& a, const InputFile& b) { return a.path < b.path; });
            files_.insert(files_.end(), found.begin(), found.end());
        } else if (!ignored(ignore, path, fs::path(path).filename().string())) {
            files_.push_back({path, path, fs::path(path).filename().string(), is_jsonl_path(path),
                              !fs::is_regular_file(status)});
        }
    }
    if (paths.size() > 1) refuse_file_named_twice(files_, starts);
    if (options_.gitignore) files_ = drop_git_ignored(std::move(files_));
    std::sort(walk_notices_.begin(), walk_notices_.end(),
              [](const SkippedInput& a, const SkippedInput& b) { return a.id < b.id; });
}

std::vector<SkippedInput> Corpus::notices() const {
    std::vector<SkippedInput> all = walk_notices_;
    all.insert(all.end(), content_notices_.begin(), content_notices_.end());
    return all;
}

void Corpus::note_controls(const std::string& id, std::string_view text, const StrayControls& head, bool first_scan) {
    if (!first_scan) return;
    const std::size_t head_size = std::min(text.size(), k_binary_sniff_bytes);
    const StrayControls rest = stray_controls(text.substr(head_size));
    StrayControls controls = head;
    controls.count += rest.count;
    if (head.count == 0) controls.first = head_size + rest.first;
    if (controls.count == 0) return;
    content_notices_.push_back({id, std::to_string(controls.count) + " control byte(s) kept as text (first at byte " +
                                        std::to_string(controls.first) + ")"});
}

std::string Corpus::open_path(const InputFile& file) {
    if (!file.stream) return file.path;
    if (!spools_) spools_ = std::make_shared<SpoolFolder>(options_.temp_folder);
    return spools_->path_for(file);
}

bool Corpus::has_jsonl() const {
    return std::any_of(files_.begin(), files_.end(), [](const InputFile& f) { return f.jsonl; });
}

bool Corpus::all_jsonl() const {
    return !files_.empty() && std::all_of(files_.begin(), files_.end(), [](const InputFile& f) { return f.jsonl; });
}

void Corpus::reject(const std::string& id, const std::string& message, std::optional<std::uint64_t> offset,
                    bool first_scan) {
    if (options_.on_error == OnError::fail) throw Error(ExitCode::input_error, message, id, offset);
    if (first_scan) skipped_.push_back({id, Error(ExitCode::input_error, message, id, offset).what()});
}

std::string Corpus::read_file(const InputFile& file) {
    try {
        return read_all(open_path(file), options_.max_document_bytes);
    } catch (const Error& error) {
        if (error.code() == ExitCode::resource_limit) throw Error(ExitCode::resource_limit, error.message(), file.path);
        throw;
    }
}

namespace {

std::string folder_group(const std::string& path) {
    const fs::path parent = fs::path(path).parent_path();
    return parent.empty() ? "." : parent.generic_string();
}

}  // namespace

void Corpus::scan(const std::function<void(SourceDocument&&)>& visit) {
    CorpusScan scan(*this);
    while (std::optional<SourceDocument> document = scan.next()) visit(std::move(*document));
}

CorpusScan::CorpusScan(Corpus& corpus) : corpus_(corpus), first_scan_(corpus.scans_++ == 0) {}

CorpusScan::~CorpusScan() = default;

// Notes on a JSON Lines file read whole. Records without the field the user named with --group-by
// are grouped by their file, as documented; said, since a misspelt field (`--group-by sitee`)
// would otherwise group every record by its file without a word, and recurring chrome across the
// file's sites would be judged as one site's. An id an earlier record has (in this file or an
// earlier one: shards numbered from 1 each) is said too: the map and the reports name records by
// id, so two records of one id cannot be told apart there (by 64-bit hashes of the ids: a
// chance collision, about one in 10^7 pairs at 10^6 records, would only add a false note).
// An id longer than this is not shown in the note (its line is): a note stays one short line.
constexpr std::size_t k_id_shown_bytes = 80;

void CorpusScan::note_file_end(const std::string& file) {
    const InputOptions& options = corpus_.options_;
    if (first_scan_ && ungrouped_ > 0 && options.jsonl.group_field_named && options.force_group.empty()) {
        const std::string field = options.jsonl.group_field == "host" ? "url" : options.jsonl.group_field;
        corpus_.content_notices_.push_back(
            {file, "records without the \"" + field + "\" field (--group-by " + options.jsonl.group_field +
                       "): " + std::to_string(ungrouped_) + " of " + std::to_string(records_) + ", grouped by this file"});
    }
    if (first_scan_ && repeated_ids_ > 0)
        corpus_.content_notices_.push_back(
            {file, "records whose id an earlier record has: " + std::to_string(repeated_ids_) + " of " +
                       std::to_string(records_) + " (first " + (first_repeated_id_.size() <= k_id_shown_bytes ? "\"" + first_repeated_id_ + "\", " : std::string()) + "line " +
                       std::to_string(first_repeated_line_) + "); the map names records by id (--id-field " +
                       options.jsonl.id_field + ")"});
    records_ = ungrouped_ = repeated_ids_ = 0;
}

std::optional<SourceDocument> CorpusScan::next() {
    const InputOptions& options = corpus_.options_;
    while (file_ < corpus_.files_.size()) {
        const InputFile& file = corpus_.files_[file_];
        if (file.jsonl) {
            if (!reader_) {
                try {
                    reader_ = std::make_unique<LineReader>(corpus_.open_path(file));
                    reader_->limit_line(options.max_document_bytes);
                } catch (const Error& error) {
                    if (options.on_error == OnError::fail) throw;
                    if (first_scan_) corpus_.skipped_.push_back({file.path, error.what()});
                    ++file_;
                    continue;
                }
            }
            LineReader& reader = *reader_;
            // A record that cannot be read stops the run, or is skipped and named "file:line".
            const auto skip_record = [&](const Error& error) {
                if (options.on_error == OnError::fail) throw error;
                if (first_scan_) corpus_.skipped_.push_back({file.path + ":" + std::to_string(reader.line_number()), error.what()});
                line_.clear();
            };
            while (true) {
                try {
                    if (!reader.next(line_)) break;
                } catch (const Error& error) {
                    // A broken compressed stream cannot be resumed: skip the rest of the file.
                    if (options.on_error == OnError::fail || error.code() == ExitCode::resource_limit) throw;
                    if (first_scan_) corpus_.skipped_.push_back({file.path, error.what()});
                    break;
                }
                // A '\r' before the '\n' stays: JSON white space after the object, written back as it was
                // (docs/jsonl-input.md). A blank line is an error like any line that is not an object.
                JsonlRecord record;
                try {
                    record = parse_jsonl_record(std::move(line_), options.jsonl, file.path, reader.line_number());
                } catch (const Error& error) {
                    skip_record(error);
                    continue;
                }
                // The text of a record is judged like a file's bytes: binary by its start, stray
                // controls later on are text (a `\u0000` is a NUL byte once unescaped).
                const Sniffed sniffed = sniff_binary(record.text);
                if (const auto& problem = sniffed.problem; problem && record.text.size() > 0) {
                    // Named like the record errors above ("f.jsonl: line N: ..."; skipped as
                    // "f.jsonl:N"), and the offset is said to be into the unescaped text, not the file.
                    const Error error(ExitCode::input_error,
                                      "line " + std::to_string(reader.line_number()) + ": text field is " +
                                          problem->message +
                                          (problem->offset ? " at byte " + std::to_string(*problem->offset) +
                                                                 " of the text"
                                                           : std::string()),
                                      file.path);
                    skip_record(error);
                    continue;
                }
                corpus_.note_controls(record.id, record.text, sniffed.head, first_scan_);
                ++records_;
                ungrouped_ += record.has_group ? 0 : 1;
                if (first_scan_ && !corpus_.jsonl_ids_.insert(std::hash<std::string_view>{}(record.id)).second &&
                    repeated_ids_++ == 0) {
                    first_repeated_id_ = record.id;
                    first_repeated_line_ = reader.line_number();
                }
                SourceDocument source;
                source.index = index_++;
                source.input = file.input;
                source.doc.id = record.id;
                source.doc.group = !options.force_group.empty() ? options.force_group
                                   : record.group.empty()          ? file.path
                                                                   : record.group;
                source.doc.text = record.text;
                source.record = std::move(record);
                line_.clear();
                return source;
            }
            reader_.reset();
            note_file_end(file.path);
            ++file_;
            continue;
        }
        ++file_;
        std::string text;
        const std::string id = file.path;
        try {
            text = corpus_.read_file(file);
        } catch (const Error& error) {
            if (options.on_error == OnError::fail || error.code() == ExitCode::resource_limit) throw;
            if (first_scan_) corpus_.skipped_.push_back({id, error.what()});
            continue;
        }
        const Sniffed sniffed = sniff_text(text);
        if (const auto& problem = sniffed.problem) {
            corpus_.reject(id, problem->message, problem->offset, first_scan_);
            continue;
        }
        corpus_.note_controls(id, text, sniffed.head, first_scan_);
        SourceDocument source;
        source.index = index_++;
        source.input = file.input;
        source.relative_path = file.relative_path;
        source.doc.id = id;
        source.doc.group = !options.force_group.empty()         ? options.force_group
                           : options.file_grouping == "none" ? std::string("all")
                                                             : folder_group(file.path);
        source.doc.text = std::move(text);
        return source;
    }
    return std::nullopt;
}

}  // namespace once
