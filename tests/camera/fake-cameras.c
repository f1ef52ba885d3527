/* fake-cameras.c: cameras plugged in and out by a test, through GStreamer's own
 * device monitoring
 *
 * A device provider ("pdfakecameras", class Source/Video) registered in the
 * test process: every GstDeviceMonitor for video sources starts it, and the
 * devices the test plugs in are announced on their buses as a real camera's
 * would be (GST_MESSAGE_DEVICE_ADDED / _REMOVED). A device opens as videotestsrc.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fake-cameras.h"

#define PD_TYPE_FAKE_CAMERA (pd_fake_camera_get_type ())
G_DECLARE_FINAL_TYPE (PdFakeCamera, pd_fake_camera, PD, FAKE_CAMERA, GstDevice)

struct _PdFakeCamera
{
  GstDevice parent_instance;
};

G_DEFINE_FINAL_TYPE (PdFakeCamera, pd_fake_camera, GST_TYPE_DEVICE)

static GstElement *
pd_fake_camera_create_element (GstDevice   *device,
                               const gchar *name)
{
  return gst_element_factory_make ("videotestsrc", name);
}

static void
pd_fake_camera_class_init (PdFakeCameraClass *klass)
{
  GST_DEVICE_CLASS (klass)->create_element = pd_fake_camera_create_element;
}

static void
pd_fake_camera_init (PdFakeCamera *self)
{
}

#define PD_TYPE_FAKE_PROVIDER (pd_fake_provider_get_type ())
G_DECLARE_FINAL_TYPE (PdFakeProvider, pd_fake_provider, PD, FAKE_PROVIDER, GstDeviceProvider)

struct _PdFakeProvider
{
  GstDeviceProvider parent_instance;
};

G_DEFINE_FINAL_TYPE (PdFakeProvider, pd_fake_provider, GST_TYPE_DEVICE_PROVIDER)

/* Monitoring: the devices are those plugged in, announced as they come. */
static gboolean
pd_fake_provider_start (GstDeviceProvider *provider)
{
  return TRUE;
}

static void
pd_fake_provider_stop (GstDeviceProvider *provider)
{
}

static void
pd_fake_provider_class_init (PdFakeProviderClass *klass)
{
  GstDeviceProviderClass *provider_class = GST_DEVICE_PROVIDER_CLASS (klass);

  provider_class->start = pd_fake_provider_start;
  provider_class->stop = pd_fake_provider_stop;
  gst_device_provider_class_set_static_metadata (provider_class, "PermitDesk test cameras", "Source/Video",
                                                 "Cameras a test plugs in and out", "PermitDesk");
}

static void
pd_fake_provider_init (PdFakeProvider *self)
{
}

static gboolean
plugin_init (GstPlugin *plugin)
{
  return gst_device_provider_register (plugin, "pdfakecameras", GST_RANK_PRIMARY, PD_TYPE_FAKE_PROVIDER);
}

void
pd_fake_cameras_register (void)
{
  static gboolean registered;

  if (registered)
    return;
  gst_init (NULL, NULL);
  g_assert_true (gst_plugin_register_static (GST_VERSION_MAJOR, GST_VERSION_MINOR, "pdfakecameras",
                                             "Test cameras", plugin_init, "1.0", "LGPL", "permitdesk",
                                             "permitdesk", "https://example.org/permitdesk"));
  registered = TRUE;
}

static GstDeviceProvider *
provider (void)
{
  GstDeviceProvider *found = gst_device_provider_factory_get_by_name ("pdfakecameras");

  g_assert_nonnull (found);
  return found;
}

/* Plugs in a camera at @path (as v4l2 would list /dev/videoN): returns it, for unplugging. */
GstDevice *
pd_fake_cameras_plug (const char *display_name,
                      const char *path)
{
  g_autoptr(GstDeviceProvider) fake = provider ();
  g_autoptr(GstCaps) caps = gst_caps_new_empty_simple ("video/x-raw");
  g_autoptr(GstStructure) properties = gst_structure_new ("pd-fake-camera", "device.path", G_TYPE_STRING, path, NULL);
  GstDevice *device = g_object_new (PD_TYPE_FAKE_CAMERA, "display-name", display_name, "device-class",
                                    "Video/Source", "caps", caps, "properties", properties, NULL);

  gst_device_provider_device_add (fake, g_object_ref_sink (device));
  return device;
}

void
pd_fake_cameras_unplug (GstDevice *device)
{
  g_autoptr(GstDeviceProvider) fake = provider ();

  gst_device_provider_device_remove (fake, device);
  g_object_unref (device);
}
