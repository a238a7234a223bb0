#include "common/kafka/publisher.h"

#include "absl/strings/str_cat.h"
#include "common/kafka/error.h"
#include "common/status/status_macros.h"

namespace newswire::kafka {

class Publisher::DeliveryReport : public RdKafka::DeliveryReportCb {
 public:
  explicit DeliveryReport(Publisher* owner) : owner_(owner) {}
  void dr_cb(RdKafka::Message& message) override {
    if (message.err() == RdKafka::ERR_NO_ERROR) {
      owner_->delivered_.fetch_add(1);
      return;
    }
    owner_->failed_.fetch_add(1);
    absl::MutexLock lock(&owner_->mu_);
    if (owner_->first_error_.ok()) {
      owner_->first_error_ = FromErrorCode(
          message.err(), absl::StrCat("delivering to ", message.topic_name()));
    }
  }

 private:
  Publisher* owner_;
};

Publisher::~Publisher() {
  if (producer_ != nullptr) producer_->flush(10000);
}

absl::StatusOr<std::unique_ptr<Publisher>> Publisher::Create(
    const KafkaClientConfig& config) {
  std::unique_ptr<Publisher> p(new Publisher());
  ASSIGN_OR_RETURN(std::unique_ptr<RdKafka::Conf> conf,
                   MakeConf(config, {{"enable.idempotence", "true"},
                                     {"acks", "all"},
                                     {"linger.ms", "5"},
                                     {"compression.type", "lz4"}}));
  p->report_ = std::make_unique<DeliveryReport>(p.get());
  std::string error;
  if (conf->set("dr_cb", p->report_.get(), error) != RdKafka::Conf::CONF_OK) {
    return absl::InternalError(error);
  }
  p->producer_.reset(RdKafka::Producer::create(conf.get(), error));
  if (p->producer_ == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("creating producer: ", error));
  }
  return p;
}

absl::Status Publisher::Send(absl::string_view topic, absl::string_view key,
                             absl::string_view value) {
  while (true) {
    RdKafka::ErrorCode err = producer_->produce(
        std::string(topic), RdKafka::Topic::PARTITION_UA,
        RdKafka::Producer::RK_MSG_COPY, const_cast<char*>(value.data()),
        value.size(), key.empty() ? nullptr : key.data(), key.size(), 0,
        nullptr, nullptr);
    if (err == RdKafka::ERR__QUEUE_FULL) {
      producer_->poll(100);
      continue;
    }
    producer_->poll(0);
    return FromErrorCode(err, absl::StrCat("producing to ", topic));
  }
}

absl::Status Publisher::Flush(absl::Duration timeout) {
  RdKafka::ErrorCode err =
      producer_->flush(static_cast<int>(absl::ToInt64Milliseconds(timeout)));
  absl::MutexLock lock(&mu_);
  absl::Status first = first_error_;
  first_error_ = absl::OkStatus();
  if (!first.ok()) return first;
  if (err != RdKafka::ERR_NO_ERROR) {
    return FromErrorCode(err, absl::StrCat("flushing (", producer_->outq_len(),
                                           " records still queued)"));
  }
  return absl::OkStatus();
}

}  // namespace newswire::kafka
