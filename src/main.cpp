#include "app/cli.hpp"

int main(int argc, char** argv) {
    return ngoaivu::app::RunCli(argc, argv);
}
