/* pd-fuzz.h: the fuzz entry points, shared by the libFuzzer targets and the test suite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

int pd_fuzz_frame (const uint8_t *data,
                   size_t         size);
int pd_fuzz_file  (const uint8_t *data,
                   size_t         size);

/* libFuzzer's entry point; the test suite builds without it (PD_FUZZ_NO_MAIN). */
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);
