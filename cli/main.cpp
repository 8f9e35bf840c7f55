#include "run.hpp"

int main(int argc, char** argv) { return mimetool::cli::run(argc, argv); }
