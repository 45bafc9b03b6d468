/* SPDX-License-Identifier: Apache-2.0 */
/* mod_devicetable.h - device ID tables a driver matches on (OF only). */
#ifndef LX_LINUX_MOD_DEVICETABLE_H
#define LX_LINUX_MOD_DEVICETABLE_H

#include <linux/types.h>

struct of_device_id {
	char name[32];
	char type[32];
	char compatible[128];
	const void *data;
};

#endif /* LX_LINUX_MOD_DEVICETABLE_H */
