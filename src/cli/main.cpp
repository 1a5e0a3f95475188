#include <iostream>

#include "cli/cli.hpp"

int main(int argc, char** argv) { return once::cli::run(std::vector<std::string>(argv, argv + argc), std::cout, std::cerr); }
