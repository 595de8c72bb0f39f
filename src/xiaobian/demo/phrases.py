"""Text pools for the demo brand 山嵐咖啡 Shanlan Coffee (a Taiwanese roaster). Data only."""

BRAND = "山嵐咖啡 Shanlan Coffee"
HANDLE = "shanlan.coffee"
COMPETITORS = (("instagram", "beanhouse.tw", "豆舍 Bean House"), ("youtube", "kafei-lab", "咖啡實驗室"))
PLATFORMS = ("facebook", "instagram", "threads", "youtube", "line", "x")

QUESTIONS = [
    "請問門市幾點開？", "有賣耳掛包嗎？", "可以寄到金門嗎？", "請問冷萃還有貨嗎", "週末有營業嗎？",
    "這款豆子適合手沖還是義式？", "請問有無糖的選項嗎", "信義店可以刷卡嗎？", "訂閱制怎麼取消？",
    "禮盒可以開發票嗎", "請問會再開手沖課嗎？", "燕麥奶要加價嗎？", "Do you ship to Hong Kong?",
    "Is the cold brew vegan?", "What time does the Xinyi store open?", "請問運費多少？",
    "可以預約包場嗎", "新品什麼時候上架？", "會員點數怎麼用？", "有沒有低咖啡因的豆子",
]
PRAISE = [
    "好喝！每天都要來一杯", "超好喝😍", "焦糖肉桂拿鐵真的大推", "店員很親切，下次還會再來",
    "手沖好順口，回購第三次了", "包裝好用心", "冷萃是夏天的救贖", "拉花好可愛☕", "讚讚讚",
    "這支耶加雪菲香氣好棒", "週末早午餐完美", "Love this place! ❤️", "Best latte in Taipei",
    "Great beans, fast shipping 👍", "老闆很專業，推", "耳掛包出差必備", "辦公室團購大家都說好喝",
    "環境好療癒，適合讀書", "不錯喝，價格也合理", "期待冬季限定！",
]
COMPLAINTS = [
    "等了好久才拿到咖啡", "今天的拿鐵有點太甜", "店裡位子太少", "網站結帳一直失敗",
    "客服訊息已讀不回", "價格漲太多了吧", "外送到的時候都冷了", "豆子烘太深了有點苦",
    "The wifi at the store is terrible", "Order arrived late, disappointed", "停車不方便",
    "杯子有點漏，手都濕了", "冰塊太多", "排隊排很久", "APP 一直閃退",
]
CRISIS = [
    "冷萃瓶蓋破掉，整袋都是咖啡，要退款", "喝到異物！！！這批冷萃是怎樣", "瓶子漏了一地，很爛",
    "我的冷萃也是瓶蓋破裂，客訴都不回", "買了六瓶破了四瓶，瑕疵也太多", "小孩喝完拉肚子，請給個說法",
    "已經寄信客服三天了沒人理，要找消保官了", "冷萃有怪味，是不是變質？", "退貨流程到底在哪裡",
    "Cold brew bottle cracked and leaked everywhere. Refund please", "Found something floating in my cold brew 🤮",
    "看到好多人說瓶蓋破掉，還敢買嗎", "這次的瓶子品質很差勁", "爛透了，以後不買了😡",
    "你們是不是該出來說明一下", "退款申請了還沒下文", "批號 1105 的都有問題嗎？",
]
SPAM = [
    "加LINE賺錢 👉 每天輕鬆月入十萬", "免費領取比特幣 💰 私訊我", "f4f follow for follow ✨",
    "Check my profile for crypto tips 🚀", "代購精品 全網最低價 私訊", "投資飆股群組 點我主頁",
]
CASUAL = [
    "@小安 一起去", "@jenny 下次揪", "這家在哪", "+1", "哈哈哈哈", "☕☕☕", "👍", "好想喝",
    "明天來朝聖", "收藏了", "樓上說的對", "有人一起團購嗎", "原PO好會拍",
]
EMOJI_TAILS = ["", "", "", " 😊", " ☕", " 🙏", " 😍", " 👍", "!!", "～", " 😂"]

SURNAMES = "陳林黃張李王吳劉蔡楊許鄭謝洪郭邱曾廖賴徐周葉蘇莊呂江何蕭羅高"
GIVEN = ["小美", "家豪", "怡君", "志明", "雅婷", "俊傑", "淑芬", "冠宇", "佩珊", "承翰", "欣怡",
         "宗翰", "思妤", "建宏", "郁婷", "柏翰", "詩涵", "彥廷", "筱涵", "子軒"]
EN_NAMES = ["Amy", "Jason", "Kevin", "Vivian", "Tiffany", "Eric", "Grace", "Leo", "Nina", "Ryan",
            "Cindy", "Max", "Iris", "Sean", "Zoe"]

CAPTIONS = {
    "photo": ["今日手沖：{bean}，{note} #山嵐咖啡 #手沖 #咖啡日常", "門市新佈置，歡迎來坐坐 #山嵐咖啡",
              "雨天就是要一杯熱拿鐵 ☔ #咖啡日常", "{bean} 到貨！{note} #新豆上市"],
    "reel": ["30 秒看懂手沖三步驟 #山嵐咖啡 #手沖教學", "拉花失敗合集 😂 #咖啡日常",
             "冷萃的一天 #冷萃 #山嵐咖啡", "焦糖肉桂拿鐵製作過程 #冬季限定"],
    "album": ["{bean} 產區紀錄 #咖啡產地", "本週門市花絮 #山嵐咖啡"],
    "video": ["【咖啡學堂】{bean} 怎麼沖最好喝？", "烘豆師的一天", "【開箱】耶誕禮盒 2026"],
    "text": ["早安，今天也要好好喝咖啡 ☕", "你喜歡淺焙還是深焙？留言告訴我們", "本週門市營業時間調整公告",
             "New beans this week: {bean}. {note}"],
    "link": ["官網限時免運中 👉", "會員日點數兩倍"],
}
BEANS = ["耶加雪菲", "瑰夏", "阿里山", "曼特寧", "哥倫比亞", "肯亞 AA", "巴拿馬"]
NOTES = ["莓果調性很明亮", "尾韻有黑糖香", "適合冷萃", "酸甜平衡", "堅果可可風味"]

TEMPLATES = [
    ("感謝留言", "謝謝 {author} 的支持！我們會繼續努力 ☕", "zh-TW"),
    ("門市時間", "{author} 您好，門市營業時間為每天 08:00–20:00，週末 09:00 開門，歡迎來坐坐！", "zh-TW"),
    ("運送說明", "{author} 您好，本島滿 NT$800 免運，離島運費另計，下單後 2–3 個工作天出貨。", "zh-TW"),
    ("瑕疵致歉", "{author} 非常抱歉造成您的困擾！請私訊訂單編號與照片，我們會立即為您辦理退款或換貨。— {agent}", "zh-TW"),
    ("請私訊", "{author} 您好，為保護您的個資，麻煩私訊我們訂單資訊，小編馬上處理 🙏", "zh-TW"),
    ("抽獎規則", "{author} 謝謝參加「{campaign}」！記得追蹤並標記兩位好友，得獎名單將於活動結束後公布。", "zh-TW"),
    ("Thanks", "Thank you {author}! See you at the store soon ☕", "en"),
    ("Shipping", "Hi {author}, we ship island-wide in 2–3 working days; overseas orders via our website.", "en"),
]
DEPARTMENTS = ("客服 Customer care", "品管 Quality", "門市 Stores", "行銷 Marketing", "法務 Legal")
STAFF = ("小雯", "阿哲", "Mandy", "小柯")

MONTH_THEMES = (
    "新年新豆 New year, new beans", "情人節 甜點配咖啡", "春季產區巡禮", "咖啡學堂月 Brewing basics",
    "母親節 禮盒", "冰咖啡季 開跑", "夏日冷萃", "父親節 手沖組", "秋季烘焙 深焙月",
    "咖啡節 門市活動", "冬季限定 焦糖肉桂", "耶誕暖心 Christmas gifts",
)
