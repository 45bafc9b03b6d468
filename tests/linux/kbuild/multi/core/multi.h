/* SPDX-License-Identifier: Apache-2.0 */
/* multi.h - between the two objects of the composite module. */
#ifndef FIXTURE_MULTI_H
#define FIXTURE_MULTI_H

int multi_chip_id(void);

#endif
