// SPDX-License-Identifier: Apache-2.0
//
// sc_main_unused.cpp - for programs that link SystemC but have their own
// main(): libsystemc's main() is never called, yet the library references
// sc_main, so the link needs one (with C linkage, as sc_externs.h
// declares it).
extern "C" int sc_main(int, char **)
{
	return 0;
}
