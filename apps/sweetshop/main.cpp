#include "app/commands.hpp"

int main(int argc, char** argv) {
    return sweetshop::app::run_cli(argc, argv);
}
