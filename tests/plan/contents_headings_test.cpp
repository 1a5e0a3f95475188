// contents_headings_test.cpp — step 0b (plan/contents_headings.cpp): the section headings of a
// page that a site's index, crawled first, named entry under entry stay (issue 11, items 1 and
// 5), also when the page prints that list again above them; a copied list and a reposted text
// still go.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "plan/plan_run.hpp"

namespace {

struct Section {
    std::string heading, text;
};

// A FAQ chapter as a scraper stores it (bench/docsite.py): each question a line, its answer a
// paragraph, in English, Chinese and Japanese (Debian's FAQ, shortened).
const std::vector<std::vector<Section>> k_chapters = {
    {{"4.1. On what hardware architectures does Debian run?",
      "Debian includes complete source code for all of the included programs, so it should work on all "
      "systems which are supported by the Linux kernel."},
     {"4.2. What kernels does Debian run?",
      "Beside Linux, Debian provides an implementation of the FreeBSD kernel with userland tools and libraries."},
     {"4.3. How compatible is Debian with other distributions of Linux?",
      "Debian developers communicate with other Linux distribution creators in an effort to maintain binary "
      "compatibility across distributions."},
     {"4.4. How should I install a non-Debian program?",
      "Files under the directory /usr/local/ are not under the control of the Debian package management system."}},
    {{"4.1. Debian GNU/Linux 可以在什么硬件架构/系统上运行？",
      "Debian GNU/Linux 包含了所有程序的完整源代码，所以它应该可以在所有 Linux 内核支持的系统上运行。"},
     {"4.2. Debian GNU/Linux 运行在什么内核上？",
      "除了 Linux，Debian 还提供了基于 FreeBSD 内核的实现，以及用户空间的工具和程序库。"},
     {"4.3. Debian 与其他 Linux 发行版的兼容性如何？",
      "Debian 开发者与其他 Linux 发行版的创建者保持沟通，努力维持不同发行版之间的二进制兼容性。"},
     {"4.4. 我应该如何安装一个非 Debian 程序？",
      "/usr/local/ 目录下的文件不受 Debian 软件包管理系统的控制，因此是放置本地程序的好地方。"}},
    {{"4.1. Debian はどのハードウェアで動作しますか?",
      "Debian にはすべてのプログラムの完全なソースコードが含まれているので、Linux カーネルが対応するすべてのシステムで動作するはずです。"},
     {"4.2. Debian はどのカーネルで動作しますか?",
      "Linux の他に、Debian は FreeBSD カーネルの上にユーザランドのツールとライブラリを載せた実装も提供しています。"},
     {"4.3. Debian は他の Linux ディストリビューションとどの程度互換性がありますか?",
      "Debian の開発者は、ディストリビューション間のバイナリ互換性を保つために他のディストリビューションの作成者と連絡を取っています。"},
     {"4.4. Debian 以外のプログラムはどうやってインストールすればよいですか?",
      "/usr/local/ ディレクトリ以下のファイルは Debian のパッケージ管理システムの管理外にあります。"}},
};

const std::string k_chapter_title = "Chapter 4. Compatibility issues\n\n";

// The chapter's headings, one entry a line, as a table of contents lists them.
std::string contents_of(const std::vector<Section>& chapter) {
    std::string contents;
    for (const Section& s : chapter) contents += s.heading + "\n";
    return contents;
}

// The site's index: a title, then the contents of every chapter, one entry a line.
std::string index_page(const std::vector<Section>& chapter) {
    return "The Debian GNU/Linux FAQ\n\nTable of Contents\n\n3. Choosing a Debian distribution\n"
           "4. Compatibility issues\n" +
           contents_of(chapter) + "5. Software available in the Debian system\n";
}

// The chapter's sections, each heading over its text.
std::string sections_of(const std::vector<Section>& chapter) {
    std::string sections;
    for (const Section& s : chapter) sections += s.heading + "\n\n" + s.text + "\n\n";
    return sections;
}

std::string chapter_page(const std::vector<Section>& chapter) { return k_chapter_title + sections_of(chapter); }

// How many times `part` stands in `text`.
std::size_t occurrences(const std::string& text, const std::string& part) {
    std::size_t count = 0;
    for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++count;
    return count;
}

// The question of a heading, without its section number ("4.1. "), which the planner may leave
// where a copy's first sentence begins (a number alone is no copied text).
std::string question(const Section& s) { return s.heading.substr(s.heading.find(' ') + 1); }

}  // namespace

TEST_CASE("contents headings: a chapter keeps the headings that the site's index listed first") {
    for (const auto& chapter : k_chapters) {
        CAPTURE(chapter.front().heading);
        plan_test::PlanRun run;
        run.add(index_page(chapter));
        const auto& doc = run.add(chapter_page(chapter));
        CHECK(doc.cleaned == doc.text);
    }
}

TEST_CASE("contents headings: the chapter's own contents, copied from the index, go; the headings under them stay") {
    for (const auto& chapter : k_chapters) {
        CAPTURE(chapter.front().heading);
        plan_test::PlanRun run;
        run.add(index_page(chapter));
        const auto& doc =
            run.add(k_chapter_title + "Table of Contents\n\n" + contents_of(chapter) + "\n" + sections_of(chapter));
        for (const Section& s : chapter) {
            CAPTURE(s.heading);
            CHECK(doc.cleaned.find(s.heading + "\n\n" + s.text) != std::string::npos);
            // The list's first entry may stay as the page's title (the title rule, planner.cpp,
            // with the shape classifier off in these tests); the others go.
            if (&s != &chapter.front()) CHECK(occurrences(doc.cleaned, question(s)) == 1);
        }
    }
}

TEST_CASE("contents headings: a copied list and a copied text still go") {
    for (const auto& chapter : k_chapters) {
        CAPTURE(chapter.front().heading);
        // The index printed again by another page: entries under entries, no text between.
        {
            plan_test::PlanRun run;
            run.add(index_page(chapter));
            const auto& doc = run.add("Contents\n\n" + contents_of(chapter));
            for (const Section& s : chapter) CHECK(occurrences(doc.cleaned, question(s)) == 0);
        }
        // The chapter reposted whole: headings and answers as far apart as in the source.
        {
            plan_test::PlanRun run;
            run.add(chapter_page(chapter));
            const auto& doc = run.add("Reposted\n\n" + chapter_page(chapter));
            for (const Section& s : chapter) {
                CHECK(occurrences(doc.cleaned, question(s)) == 0);
                CHECK(occurrences(doc.cleaned, s.text) == 0);
            }
        }
    }
}

namespace {

// A section page of two subsections, as the installation guide prints one, and the chapter page
// listing them (the other entries of that list judged chrome there, so only these two are a
// source): English and Japanese.
struct SectionPair {
    std::string first, second, first_text, second_text;
};
const std::vector<SectionPair> k_pairs = {
    {"3.6.5. Disabling the Windows fast boot and fast startup feature",
     "3.6.6. Hardware issues to watch out for on older machines",
     "Windows offers a feature that reduces the startup time, which leaves the disks in a hibernated state.",
     "USB BIOS support and keyboards: a machine without a PS/2 keyboard may need a legacy setting."},
    {"3.6.5. Windows の「高速起動」/「高速スタートアップ」機能の無効化", "3.6.6. 気をつけるべきハードウェアの問題と古いマシンの注意点",
     "Windows はシステム起動にかかる時間を短縮する機能を提供していますが、ディスクは休止状態のままになります。",
     "PS/2 形式のキーボードがない古い PC では、BIOS 設定でキーボードのレガシーサポートを有効にする必要があります。"},
};

std::string chapter_list(const SectionPair& p) {
    return "Chapter 3. Before Installing\n\nTable of Contents\n\n" + p.first + "\n" + p.second + "\n\n"
           "This chapter deals with the preparation for installing Debian before you even boot the installer.\n";
}

}  // namespace

TEST_CASE("contents headings: a section's two subsection headings stay, each over the page's own text") {
    for (const SectionPair& p : k_pairs) {
        CAPTURE(p.first);
        plan_test::PlanRun run;
        run.add(chapter_list(p));
        const auto& doc = run.add("3.6. Pre-Installation Hardware Setup\n\nThis section walks you through the setup.\n\n" +
                                  p.first + "\n\n" + p.first_text + "\n\n" + p.second + "\n\n" + p.second_text + "\n");
        CHECK(doc.cleaned == doc.text);
    }
}

TEST_CASE("contents headings: two copied entries, or two headings over copied text, still go") {
    for (const SectionPair& p : k_pairs) {
        CAPTURE(p.first);
        // The pair printed again as a list: no text of the page between or under them.
        {
            plan_test::PlanRun run;
            run.add(chapter_list(p));
            const auto& doc = run.add("See also\n\n" + p.first + "\n" + p.second + "\n\nOur own words end the page here today.\n");
            CHECK(occurrences(doc.cleaned, p.first.substr(p.first.find(' ') + 1)) == 0);
            CHECK(occurrences(doc.cleaned, p.second.substr(p.second.find(' ') + 1)) == 0);
        }
        // The section reposted: each heading over the copied text.
        {
            plan_test::PlanRun run;
            const std::string section = p.first + "\n\n" + p.first_text + "\n\n" + p.second + "\n\n" + p.second_text + "\n";
            run.add(chapter_list(p) + "\n" + section);
            const auto& doc = run.add("Reposted\n\n" + section);
            CHECK(occurrences(doc.cleaned, p.first_text) == 0);
            CHECK(occurrences(doc.cleaned, p.second.substr(p.second.find(' ') + 1)) == 0);
        }
    }
}

TEST_CASE("contents headings: an appendix's headings (\"A.2.3. \") are numbered too") {
    const std::vector<Section> appendix = {
        {"A.2.1. Booting from a CD-ROM or a DVD drive of the machine",
         "Boot from the drive you wrote the image to; most machines ask which device to start from."},
        {"A.2.2. Booting from a USB memory stick in most machines",
         "Plug the stick in and restart; the firmware may need to be told to try USB devices first."},
        {"A.2.3. Booting from the network with a netboot image",
         "A server on the local network hands the installer to the machine over DHCP and TFTP."},
    };
    plan_test::PlanRun run;
    run.add("Appendix A. Installation Howto\n\nTable of Contents\n\n" + contents_of(appendix) +
            "A.3. Installation\n");
    const auto& doc = run.add("A.2. Booting the installer\n\n" + sections_of(appendix));
    CHECK(doc.cleaned == doc.text);
}
